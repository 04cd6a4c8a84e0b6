using Cronos;
using SushOps.Scheduling;

namespace SushOps.Status;

/// <summary>When a chef runs next, from the cron entry installed on its host (not from the inventory).</summary>
public static class InstalledSchedule
{
    /// <summary>The schedule part of <paramref name="chef"/>'s installed entry, or null when it has none.</summary>
    public static string? Of(string crontab, string chef)
    {
        if (!CrontabEdit.OwnedEntries(crontab).TryGetValue(chef, out var line))
        {
            return null;
        }

        var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && fields[0].StartsWith('@') ? fields[0]
            : fields.Length > 5 ? string.Join(' ', fields[..5])
            : null;
    }

    /// <summary>
    /// The last time at or before <paramref name="before"/> that <paramref name="schedule"/> fired, looking back at
    /// most a year; null when it did not (or is not a schedule Cronos reads).
    /// </summary>
    public static DateTimeOffset? Previous(string schedule, TimeZoneInfo zone, DateTimeOffset before)
    {
        try
        {
            var expression = CronExpression.Parse(schedule);

            // Widening windows: a frequent schedule is answered from the last hour without listing a year of it.
            foreach (var days in (double[])[1.0 / 24, 1, 32, 366])
            {
                var last = expression.GetOccurrences(before - TimeSpan.FromDays(days), before, zone, true, true)
                    .Select(o => (DateTimeOffset?)o)
                    .LastOrDefault();
                if (last is not null)
                {
                    return last;
                }
            }

            return null;
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first time after <paramref name="from"/> that <paramref name="schedule"/> fires in cron's
    /// <paramref name="zone"/>; null when it never does or is not a schedule Cronos reads.
    /// </summary>
    public static DateTimeOffset? Next(string schedule, TimeZoneInfo zone, DateTimeOffset from)
    {
        try
        {
            return CronExpression.Parse(schedule).GetNextOccurrence(from, zone);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }
}
