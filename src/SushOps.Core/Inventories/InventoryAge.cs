using System.Globalization;
using System.Text.RegularExpressions;

namespace SushOps.Inventories;

/// <summary>Ages of cached inventories, as people write and read them: <c>90m</c>, <c>12h</c>, <c>7d</c>.</summary>
public static partial class InventoryAge
{
    /// <summary>Reads a number followed by s, m, h or d; null when the text is not one.</summary>
    public static TimeSpan? TryParse(string text)
    {
        var match = Age().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var seconds = number * match.Groups["unit"].Value switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            _ => 86400,
        };

        // Beyond what a TimeSpan holds (about 29,000 years) is no age either.
        return seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>An age in its two largest units: "45 seconds", "3 hours 12 minutes", "2 days 4 hours".</summary>
    public static string Describe(TimeSpan age)
    {
        if (age < TimeSpan.FromMinutes(1))
        {
            return Count(Math.Max(0, (int)age.TotalSeconds), "second");
        }

        if (age < TimeSpan.FromHours(1))
        {
            return Count(age.Minutes, "minute");
        }

        return age < TimeSpan.FromDays(1)
            ? Join(Count(age.Hours, "hour"), age.Minutes, "minute")
            : Join(Count((int)age.TotalDays, "day"), age.Hours, "hour");
    }

    private static string Join(string first, int second, string unit) =>
        second == 0 ? first : $"{first} {Count(second, unit)}";

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>[smhd])$")]
    private static partial Regex Age();
}
