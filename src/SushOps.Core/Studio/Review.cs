using System.Globalization;

namespace SushOps.Studio;

/// <summary>
/// Judges a staged tree against the live tree by Studio's node diff and the run that staged it. Pure: every
/// rule is reported, passed or not, with its numbers.
/// </summary>
public static class Review
{
    /// <summary>The content kinds whose counts the diff has (Studio spells quizzes <c>count_quizs</c>).</summary>
    public static readonly IReadOnlyList<string> KindFields =
    [
        "count_topics", "count_videos", "count_audios", "count_exercises", "count_documents", "count_html5s",
        "count_slideshows", "count_h5ps", "count_zims", "count_quizs",
    ];

    /// <summary>Every rule applied to <paramref name="diff"/> and <paramref name="run"/>.</summary>
    public static IReadOnlyList<RuleFinding> Evaluate(NodeDiff diff, RunRecord? run, ReviewRules rules) =>
    [
        RunExitedZero(run),
        ResourcesChanged(diff, rules.MaxResourceChange),
        ResourcesLost(diff, rules.MaxResourceLoss),
        SizeChanged(diff, rules.MaxSizeChange),
        NoKindDroppedToZero(diff),
        RicecookerNotDowngraded(diff),
    ];

    /// <summary>The findings of rules that failed.</summary>
    public static IReadOnlyList<RuleFinding> Failures(IEnumerable<RuleFinding> findings) =>
        findings.Where(f => !f.Passed).ToList();

    private static RuleFinding RunExitedZero(RunRecord? run)
    {
        const string rule = "run_exited_0";
        if (run is null)
        {
            return new RuleFinding(rule, false, "no run record of the chef was found, so the run that staged "
                + "this tree is unknown");
        }

        var code = run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "no code";
        var detail = $"the last run ({run.Start ?? "unknown start"}, {run.Name}) ended {run.Result ?? "?"} "
            + $"with exit code {code}";
        return new RuleFinding(rule, run.Succeeded, detail);
    }

    private static RuleFinding ResourcesChanged(NodeDiff diff, double limit)
    {
        const string rule = "resources_changed";
        if (Numbers(diff, "count_resources") is not var (live, staged))
        {
            return Missing(rule, "count_resources");
        }

        if (live == 0)
        {
            return new RuleFinding(rule, staged == 0, staged == 0
                ? "count_resources is 0 in both trees"
                : $"count_resources goes from 0 to {Count(staged)}: a first deploy is reviewed by a person");
        }

        var change = Math.Abs(staged - live) / live * 100;
        return new RuleFinding(rule, change <= limit,
            $"count_resources changed by {Percent(change)} ({Count(live)} → {Count(staged)}); "
            + $"at most {Percent(limit)} is allowed");
    }

    private static RuleFinding ResourcesLost(NodeDiff diff, double limit)
    {
        const string rule = "resources_lost";
        if (Numbers(diff, "count_resources") is not var (live, staged))
        {
            return Missing(rule, "count_resources");
        }

        var loss = live == 0 ? 0 : Math.Max(0, live - staged) / live * 100;
        return new RuleFinding(rule, loss <= limit,
            $"count_resources lost {Percent(loss)} ({Count(live)} → {Count(staged)}); at most {Percent(limit)} "
            + "may be lost");
    }

    private static RuleFinding SizeChanged(NodeDiff diff, double limit)
    {
        const string rule = "size_changed";
        if (Numbers(diff, "file_size_in_bytes") is not var (live, staged))
        {
            return Missing(rule, "file_size_in_bytes");
        }

        if (live == 0)
        {
            return new RuleFinding(rule, staged == 0, staged == 0
                ? "file_size_in_bytes is 0 in both trees"
                : $"file_size_in_bytes goes from 0 to {Count(staged)}: a first deploy is reviewed by a person");
        }

        var change = Math.Abs(staged - live) / live * 100;
        return new RuleFinding(rule, change <= limit,
            $"file_size_in_bytes changed by {Percent(change)} ({Count(live)} → {Count(staged)}); "
            + $"at most {Percent(limit)} is allowed");
    }

    private static RuleFinding NoKindDroppedToZero(NodeDiff diff)
    {
        const string rule = "no_kind_dropped_to_zero";
        var dropped = KindFields
            .Select(field => (field, numbers: Numbers(diff, field)))
            .Where(k => k.numbers is var (live, staged) && live > 0 && staged == 0)
            .Select(k => $"{k.field} {Count(k.numbers!.Value.Live)} → 0")
            .ToList();
        return dropped.Count == 0
            ? new RuleFinding(rule, true, "no content kind dropped to zero")
            : new RuleFinding(rule, false, "content kinds dropped to zero: " + string.Join(", ", dropped));
    }

    private static RuleFinding RicecookerNotDowngraded(NodeDiff diff)
    {
        const string rule = "ricecooker_not_downgraded";
        var stat = diff.Find("ricecooker_version");
        var live = stat is null ? null : VersionParts(stat.OriginalText);
        var staged = stat is null ? null : VersionParts(stat.ChangedText);
        if (live is null || staged is null)
        {
            // A live tree made by hand, or before Studio recorded the version, has nothing to compare with.
            return new RuleFinding(rule, true,
                $"ricecooker_version cannot be compared ({stat?.OriginalText ?? "-"} → {stat?.ChangedText ?? "-"})");
        }

        var downgraded = Compare(staged, live) < 0;
        return new RuleFinding(rule, !downgraded, downgraded
            ? $"ricecooker_version went down from {stat!.OriginalText} to {stat.ChangedText}"
            : $"ricecooker_version {stat!.OriginalText} → {stat.ChangedText}");
    }

    private static (double Live, double Staged)? Numbers(NodeDiff diff, string field) =>
        diff.Find(field) is { OriginalNumber: { } live, ChangedNumber: { } staged } ? (live, staged) : null;

    private static RuleFinding Missing(string rule, string field) =>
        new(rule, false, $"the diff has no numbers for {field}, so this rule cannot be checked");

    // "0.7.0b3" reads as 0.7.0: the numeric release parts decide, pre-release tags are ignored.
    private static int[]? VersionParts(string text)
    {
        var parts = text.Split('.', 3)
            .Select(part => new string(part.TakeWhile(char.IsAsciiDigit).ToArray()))
            .ToList();
        return parts.Count > 0 && parts.All(p => p.Length > 0)
            ? parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : null;
    }

    private static int Compare(int[] left, int[] right)
    {
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var difference = (i < left.Length ? left[i] : 0) - (i < right.Length ? right[i] : 0);
            if (difference != 0)
            {
                return difference;
            }
        }

        return 0;
    }

    private static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
