namespace SushOps;

/// <summary>
/// A value that must never be shown: it renders as <c>***</c> wherever it is formatted, and
/// <see cref="Redact"/> removes it from text captured from hosts.
/// </summary>
public sealed class Secret(string value)
{
    /// <summary>How a secret appears in any output.</summary>
    public const string Mask = "***";

    /// <summary>The value itself, for the one place that must send it (a file on a host).</summary>
    public string Reveal() => value;

    /// <summary>Replaces every occurrence of the secret in <paramref name="text"/> with the mask.</summary>
    public string Redact(string text) =>
        value.Length == 0 ? text : text.Replace(value, Mask, StringComparison.Ordinal);

    /// <summary>Replaces every occurrence of each of <paramref name="secrets"/> in <paramref name="text"/>.</summary>
    public static string RedactAll(IEnumerable<Secret> secrets, string text) =>
        secrets.Aggregate(text, (current, secret) => secret.Redact(current));

    /// <inheritdoc />
    public override string ToString() => Mask;
}
