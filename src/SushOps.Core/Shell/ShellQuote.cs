namespace SushOps.Shell;

/// <summary>
/// The one place where values become text for a POSIX shell. Everything that reaches a remote or local
/// shell (paths, branches, URLs, arguments) goes through here; only the inventory's own commands run as code.
/// </summary>
public static class ShellQuote
{
    /// <summary>
    /// Quotes a value as one shell word: inside single quotes nothing is special, and an embedded single
    /// quote is closed, escaped and reopened.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0'))
        {
            throw new ArgumentException("A shell word cannot hold a NUL character.", nameof(value));
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Quotes a host path, keeping a leading <c>~/</c> as the login user's home directory, which a quoted
    /// tilde would not expand to. A relative path is relative to that home too, wherever a script cds to.
    /// </summary>
    public static string Path(string path)
    {
        if (path == "~")
        {
            return "\"$HOME\"";
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return "\"$HOME\"/" + Quote(path[2..]);
        }

        return path.StartsWith('/') ? Quote(path) : "\"$HOME\"/" + Quote(path);
    }

    /// <summary>Quotes each value and joins them with spaces.</summary>
    public static string Join(IEnumerable<string> values) => string.Join(' ', values.Select(Quote));
}
