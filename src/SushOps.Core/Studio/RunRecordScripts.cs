using System.Text.RegularExpressions;
using SushOps.Shell;

namespace SushOps.Studio;

/// <summary>The host side of run records: print the latest one, and replace one. Pure text.</summary>
public static partial class RunRecordScripts
{
    /// <summary>
    /// Prints the name of the chef's latest run record that is not a skipped start, then the record; prints
    /// nothing when there is none. Record names are UTC times, so their order is the order of runs.
    /// </summary>
    public static string Latest(string chefDirectory) => $$"""
        cd {{ShellQuote.Path(chefDirectory)}}/runs 2>/dev/null || exit 0
        latest=$(ls -1 | grep -E '^[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.json$' | sort |
            while read -r name; do grep -q '"result":"skipped"' "$name" || printf '%s\n' "$name"; done | tail -n 1)
        [ -n "$latest" ] || exit 0
        printf '%s\n' "$latest"
        cat "$latest"
        """;

    /// <summary>Replaces the record <paramref name="name"/> with standard input, whole or not at all.</summary>
    public static string Replace(string chefDirectory, string name)
    {
        if (!RecordName().IsMatch(name))
        {
            throw new ArgumentException($"\"{name}\" is not a run record name", nameof(name));
        }

        var quoted = ShellQuote.Quote(name);
        var temporary = ShellQuote.Quote(name + ".tmp");
        return $"cd {ShellQuote.Path(chefDirectory)}/runs && cat >{temporary} && mv {temporary} {quoted}";
    }

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.json$")]
    private static partial Regex RecordName();
}
