using System.Globalization;
using System.Text;
using SushOps.Status;

namespace SushOps.Alerts;

/// <summary>The dead-man's switch message: the scheduled runs that did not happen.</summary>
public static class MissedRunAlert
{
    /// <summary>One message naming each missed run; null when none was missed.</summary>
    public static string? Message(IReadOnlyList<ChefStatus> rows)
    {
        var missed = rows.Where(r => r.MissedRun is not null).ToList();
        if (missed.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(missed.Count == 1
            ? "sushops: a scheduled run did not happen:"
            : $"sushops: {missed.Count} scheduled runs did not happen:");
        foreach (var row in missed)
        {
            var last = row.LastRun is { } run ? $"last run {Time(run.Start)} ({run.ResultText})" : "no run recorded";
            text.Append($"\n• *{row.Target.Chef.Name}* on *{row.Target.Host.Name}*: due {Time(row.MissedRun)} "
                        + $"({row.Schedule}), {last}");
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "?";
}
