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
