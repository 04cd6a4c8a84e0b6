using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SushOps.Scheduling;

/// <summary>
/// Schedules with <c>H</c>, as Jenkins has them: an <c>H</c> in the minute, hour or day-of-month field stands for
/// a value derived from the chef's name, so chefs that share a schedule such as <c>H 2 H * *</c> start at
/// different, stable times instead of all at once. A schedule without <c>H</c> is an exact time, kept as it is.
/// </summary>
public static class HashedSchedule
{
    private static readonly (int Field, int Low, int Count)[] Ranges = [(0, 0, 60), (1, 0, 24), (2, 1, 28)];

    /// <summary>True when the schedule has an <c>H</c> field.</summary>
    public static bool IsHashed(string schedule) => Fields(schedule).Contains("H");

    /// <summary>The schedule with each <c>H</c> replaced by the chef's own value.</summary>
    public static string Resolve(string schedule, string chef)
    {
        if (!IsHashed(schedule))
        {
            return schedule;
        }

        var fields = Fields(schedule);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(chef));
        foreach (var (field, low, count) in Ranges)
        {
            if (fields[field] == "H")
            {
                var value = low + (BitConverter.ToUInt32(hash, field * 4) % count);
                fields[field] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        return string.Join(' ', fields);
    }

    /// <summary>A message when <c>H</c> stands where it cannot (month, weekday), else null.</summary>
    public static string? Check(string schedule)
    {
        var fields = Fields(schedule);
        return fields.Skip(3).Contains("H")
            ? "H may stand for the minute, hour or day of the month only, for example \"H 3 H * *\""
            : null;
    }

    private static string[] Fields(string schedule) =>
        schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
