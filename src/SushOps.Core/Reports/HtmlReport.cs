using System.Globalization;
using System.Net;
using System.Text;
using SushOps.Health;
using SushOps.Runs;
using SushOps.Status;

namespace SushOps.Reports;

/// <summary>
/// The fleet on one self-contained HTML page: no script, no font or image from the network, so it reads the same
/// offline, mailed or on a phone. Each chef shows its recent runs as a coloured strip, a duration trend, its next
/// run, drift and failure cause; each host its health checks.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        :root { color-scheme: light dark; --ok: #2e7d32; --failed: #c62828; --other: #9e9e9e; --warn: #ef6c00; }
        body { font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 12px; max-width: 1100px; }
        h1 { font-size: 1.4em; margin: 0 0 4px; } h2 { font-size: 1.15em; margin: 20px 0 8px; }
        .when { color: var(--other); margin: 0 0 12px; }
        .chefs { display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
        .chef { border: 1px solid #8884; border-radius: 8px; padding: 10px; overflow-wrap: anywhere; }
        .chef h3 { margin: 0 0 6px; font-size: 1.05em; } .chef.failed { border-color: var(--failed); }
        .strip { display: flex; gap: 3px; margin: 6px 0; }
        .strip span { width: 16px; height: 16px; border-radius: 3px; }
        .strip .ok { background: var(--ok); } .strip .failed, .strip .timed_out { background: var(--failed); }
        .strip .skipped, .strip .interrupted, .strip .stopped, .strip .unknown { background: var(--other); }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
        dt { color: var(--other); } dd { margin: 0; }
        .cause { color: var(--failed); } .drift { color: var(--warn); }
        table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 3px 6px; }
        tr.bad td { color: var(--failed); } svg { display: block; }
        """;

    /// <summary>The page for <paramref name="rows"/> and the hosts' <paramref name="health"/>.</summary>
    public static string Render(
        IReadOnlyList<ChefStatus> rows,
        IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>> health,
        DateTimeOffset generated)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>sushops: fleet report</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>sushops fleet report</h1>")
            .Append($"<p class=\"when\">{Encode(Time(generated))} · {rows.Count} chefs · ")
            .Append($"{rows.Count(r => r.LastRunFailed)} failing</p>\n<h2>Chefs</h2>\n<div class=\"chefs\">\n");
        foreach (var row in rows)
        {
            Chef(page, row);
        }

        page.Append("</div>\n<h2>Hosts</h2>\n");
        foreach (var (host, checks) in health.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            Host(page, host, checks);
        }

        return page.Append("</body></html>\n").ToString();
    }

    private static void Chef(StringBuilder page, ChefStatus row)
    {
        var last = row.LastRun;
        page.Append($"<section class=\"chef{(row.LastRunFailed ? " failed" : "")}\">")
            .Append($"<h3>{Encode(row.Target.Chef.Name)} <small>on {Encode(row.Target.Host.Name)}</small></h3>");
        if (row.Problem is { } problem)
        {
            page.Append($"<p class=\"cause\">{Encode(problem)}</p></section>\n");
            return;
        }

        page.Append("<div class=\"strip\" aria-label=\"recent runs, oldest first\">");
        foreach (var run in row.History.Reverse())
        {
            var kind = run.Result == RunResult.Unknown ? "unknown" : run.ResultText;
            page.Append($"<span class=\"{Encode(kind)}\" title=\"{Encode($"{Time(run.Start)} {run.ResultText}")}\">")
                .Append("</span>");
        }

        page.Append("</div>").Append(Trend(row.History)).Append("<dl>")
            .Append(Item("last run", last is null ? "never" : $"{last.ResultText}, {Time(last.Start)}"))
            .Append(Item("running", row.RunningPid is { } pid ? $"since {Time(row.RunningSince)} (pid {pid})" : "no"))
            .Append(Item("next run", row.Schedule is null ? "not scheduled" : Time(row.NextRun)))
            .Append(Item("deployed", row.SetUp ? Short(row.Commit) : "not set up"));
        if (row.IsBehindRemote)
        {
            page.Append($"<dt>drift</dt><dd class=\"drift\">remote ahead: {Encode(Short(row.RemoteCommit))}</dd>");
        }

        if (row.Cause is { } cause)
        {
            page.Append($"<dt>cause</dt><dd class=\"cause\">{Encode(cause.Description)}</dd>");
        }

        if (row.LastRun?.Promotion is { } promotion)
        {
            var decision = promotion.Decision is { } text ? $": {text}" : "";
            page.Append(Item("promotion", promotion.State.Replace('_', ' ') + decision));
        }

        page.Append("</dl></section>\n");
    }

    // Durations of the finished runs as a small line, oldest on the left, scaled to the longest.
    private static string Trend(IReadOnlyList<RunRecord> history)
    {
        var seconds = history.Reverse().Where(r => r.Result != RunResult.Skipped && r.Duration is not null)
            .Select(r => Math.Max(0, r.Duration!.Value.TotalSeconds)).ToList();
        if (seconds.Count < 2)
        {
            return "";
        }

        var longest = Math.Max(1, seconds.Max());
        var points = string.Join(' ', seconds.Select((value, i) => string.Create(CultureInfo.InvariantCulture,
            $"{i * 200.0 / (seconds.Count - 1):0.#},{28 - value / longest * 26:0.#}")));
        var label = string.Create(CultureInfo.InvariantCulture, $"run durations, longest {longest:0} s");
        return $"<svg viewBox=\"0 0 200 30\" width=\"200\" height=\"30\" role=\"img\" aria-label=\"{label}\">"
               + $"<polyline points=\"{points}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/></svg>";
    }

    private static void Host(StringBuilder page, string host, IReadOnlyList<HealthCheck> checks)
    {
        page.Append($"<section><h3>{Encode(host)}</h3><table><tr><th>check</th><th>found</th><th>fix</th></tr>");
        foreach (var check in checks)
        {
            page.Append($"<tr{(check.Ok ? "" : " class=\"bad\"")}><td>{Encode(check.Name)}</td>")
                .Append($"<td>{Encode(check.Detail)}</td><td>{Encode(check.Fix ?? "")}</td></tr>");
        }

        page.Append("</table></section>\n");
    }

    private static string Item(string name, string value) => $"<dt>{Encode(name)}</dt><dd>{Encode(value)}</dd>";

    private static string Short(string? commit) => commit is { Length: > 7 } ? commit[..7] : commit ?? "-";

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
