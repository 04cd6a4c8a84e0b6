using System.Collections.Concurrent;

namespace SushOps;

/// <summary>
/// A value that must never be shown: it renders as <c>***</c> wherever it is formatted, and
/// <see cref="Redact"/> removes it from text captured from hosts. Every secret made in this process is also
/// known to <see cref="RedactKnown"/>, which the console, the log file and error messages all go through, so
/// a secret that reached some text by a path nobody foresaw is masked there too.
/// </summary>
public sealed class Secret
{
    /// <summary>How a secret appears in any output.</summary>
    public const string Mask = "***";

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/> and remembers it for <see cref="RedactKnown"/>.</summary>
    public Secret(string value)
    {
        _value = value;
        if (value.Length > 0)
        {
            Known.TryAdd(value, true);
        }
    }

    /// <summary>The value itself, for the one place that must send it (a file on a host, sudo's input).</summary>
    public string Reveal() => _value;

    /// <summary>Replaces every occurrence of the secret in <paramref name="text"/> with the mask.</summary>
    public string Redact(string text) =>
        _value.Length == 0 ? text : text.Replace(_value, Mask, StringComparison.Ordinal);

    /// <summary>Replaces every occurrence of each of <paramref name="secrets"/> in <paramref name="text"/>.</summary>
    public static string RedactAll(IEnumerable<Secret> secrets, string text) =>
        secrets.Aggregate(text, (current, secret) => secret.Redact(current));

    /// <summary>Replaces every secret this process has made, longest first, in <paramref name="text"/>.</summary>
    public static string RedactKnown(string text) => Known.Keys
        .OrderByDescending(value => value.Length)
        .Aggregate(text, (current, value) => current.Replace(value, Mask, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() => Mask;
}
