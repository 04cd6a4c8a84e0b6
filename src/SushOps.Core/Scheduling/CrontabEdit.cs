using System.Text;

namespace SushOps.Scheduling;

/// <summary>
/// Edits the entries sushops owns in a crontab and nothing else. An owned entry is a marker comment
/// <c># sushops:CHEF</c> directly followed by a line that calls the sushops runner; every other line (foreign
/// entries, comments, blank lines, environment lines) is kept byte for byte and in place.
/// </summary>
public static class CrontabEdit
{
    /// <summary>The comment that marks the entry below it as sushops' own.</summary>
    public const string MarkerPrefix = "# sushops:";

    /// <summary>Text every entry sushops writes contains: the runner's path.</summary>
    public const string RunnerSignature = "/.sushops/bin/run-chef";

    /// <summary>
    /// Applies <paramref name="wanted"/> (chef to entry line) to <paramref name="crontab"/>: entries are added
    /// at the end or rewritten in place. Owned entries of chefs for which <paramref name="inScope"/> is true
    /// and that are not wanted are removed; owned entries of other chefs are left alone.
    /// </summary>
    public static (string Crontab, IReadOnlyList<CrontabChange> Changes) Apply(
        string crontab,
        IReadOnlyDictionary<string, string> wanted,
        Func<string, bool> inScope)
    {
        var lines = Split(crontab);
        var output = new List<string>();
        var changes = new List<CrontabChange>();
        var seen = new HashSet<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Marker(lines[i]) is not { } chef)
            {
                output.Add(lines[i]);
                continue;
            }

            var marker = lines[i];
            string? entry = null;
            if (i + 1 < lines.Count && IsOwnedEntry(lines[i + 1]))
            {
                entry = lines[++i];
            }

            var firstBlock = seen.Add(chef);
            if (Decide(chef, entry, firstBlock, wanted, inScope, changes) is { } block)
            {
                output.Add(marker);
                if (block.Entry is not null)
                {
                    output.Add(block.Entry);
                }
            }
        }

        foreach (var (chef, line) in wanted.Where(w => !seen.Contains(w.Key)))
        {
            output.Add(MarkerPrefix + chef);
            output.Add(line);
            changes.Add(new CrontabChange(chef, CrontabChangeKind.Added, line));
        }

        // Untouched, the crontab stays exactly as it was, down to a missing final newline.
        return changes.All(c => c.Kind == CrontabChangeKind.Unchanged)
            ? (crontab, changes)
            : (Join(output), changes);
    }

    /// <summary>The chefs that have an owned entry in <paramref name="crontab"/>, in order.</summary>
    public static IReadOnlyList<string> OwnedChefs(string crontab) =>
        Split(crontab).Select(Marker).OfType<string>().Distinct().ToList();

    /// <summary>
    /// Each chef's entry line in <paramref name="crontab"/>, as sushops installed it under its marker; the first
    /// one when a chef has several.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OwnedEntries(string crontab)
    {
        var lines = Split(crontab);
        var entries = new Dictionary<string, string>();
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (Marker(lines[i]) is { } chef && IsOwnedEntry(lines[i + 1]))
            {
                entries.TryAdd(chef, lines[i + 1].TrimEnd('\r'));
            }
        }

        return entries;
    }

    // What becomes of one owned block: null drops it, else the entry line to keep under the marker (or none).
    private static KeptBlock? Decide(
        string chef,
        string? entry,
        bool firstBlock,
        IReadOnlyDictionary<string, string> wanted,
        Func<string, bool> inScope,
        List<CrontabChange> changes)
    {
        var managed = wanted.ContainsKey(chef) || inScope(chef);
        if (!managed)
        {
            return new KeptBlock(entry);
        }

        if (!firstBlock || !wanted.TryGetValue(chef, out var line))
        {
            // Not wanted, or a second block for the same chef (a copy made by hand would run it twice).
            changes.Add(new CrontabChange(chef, CrontabChangeKind.Removed, entry ?? ""));
            return null;
        }

        var kind = entry == line ? CrontabChangeKind.Unchanged
            : entry is null ? CrontabChangeKind.Added
            : CrontabChangeKind.Changed;
        changes.Add(new CrontabChange(chef, kind, line));
        return new KeptBlock(line);
    }

    private readonly record struct KeptBlock(string? Entry);

    private static string? Marker(string line)
    {
        var text = line.TrimEnd('\r');
        if (!text.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var chef = text[MarkerPrefix.Length..];
        return Inventories.ChefRules.CheckName(chef) is null ? chef : null;
    }

    private static bool IsOwnedEntry(string line) =>
        line.Contains(RunnerSignature, StringComparison.Ordinal) && !line.TrimStart().StartsWith('#');

    // Lines without their '\n'; a '\r' stays part of its line, so CRLF crontabs keep their bytes.
    private static List<string> Split(string text)
    {
        var body = text.EndsWith('\n') ? text[..^1] : text;
        return text.Length == 0 ? [] : body.Split('\n').ToList();
    }

    // cron ignores a last line without a newline, so an edited crontab always ends with one.
    private static string Join(List<string> lines) =>
        lines.Count == 0 ? "" : new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
}
