using System.Globalization;

namespace SushOps.Cli.Commands;

/// <summary>How times, durations, sizes and commits read in the tables of read-only verbs.</summary>
internal static class Cells
{
    public const string None = "-";

    /// <summary>A time in UTC, to the minute: <c>2026-12-03 19:43Z</c>.</summary>
    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? None;

    /// <summary>A duration in its two largest units: <c>2h05m</c>, <c>3m20s</c>, <c>12s</c>.</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return None;
        }

        var inv = CultureInfo.InvariantCulture;
        return value.TotalDays >= 1 ? string.Create(inv, $"{(int)value.TotalDays}d{value.Hours:00}h")
            : value.TotalHours >= 1 ? string.Create(inv, $"{(int)value.TotalHours}h{value.Minutes:00}m")
            : value.TotalMinutes >= 1 ? string.Create(inv, $"{(int)value.TotalMinutes}m{value.Seconds:00}s")
            : string.Create(inv, $"{Math.Max(0, (int)value.TotalSeconds)}s");
    }

    /// <summary>A size in binary units: <c>12.3 GiB</c>.</summary>
    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value)
        {
            return None;
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var size = (double)value;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{size:0.#} {units[unit]}");
    }

    /// <summary>A commit's short form.</summary>
    public static string Commit(string? commit) =>
        commit is { Length: > 0 } ? commit[..Math.Min(7, commit.Length)] : None;
}
