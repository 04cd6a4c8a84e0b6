using System.Globalization;
using System.Text.RegularExpressions;

namespace SushOps.Inventories;

/// <summary>
/// A chef's own review limits from the inventory's Review column, such as <c>max_size_change=50</c>: each one
/// given replaces its role's limit for that chef. Written as <c>key=percent</c> pairs apart by commas,
/// semicolons or spaces.
/// </summary>
/// <param name="MaxResourceChange">Percent by which <c>count_resources</c> may change; the role's when null.</param>
/// <param name="MaxResourceLoss">Percent of <c>count_resources</c> that may be lost; the role's when null.</param>
/// <param name="MaxSizeChange">Percent by which <c>file_size_in_bytes</c> may change; the role's when null.</param>
public sealed partial record ChefReview(double? MaxResourceChange, double? MaxResourceLoss, double? MaxSizeChange)
{
    private static readonly string[] Keys = ["max_resource_change", "max_resource_loss", "max_size_change"];

    [GeneratedRegex(@"^(?<key>[a-z_]+)=(?<value>[0-9]+(\.[0-9]+)?)$")]
    private static partial Regex Pair();

    /// <summary>Reads a cell; null with <paramref name="error"/> saying what is wrong when it is not one.</summary>
    public static ChefReview? TryParse(string cell, out string? error)
    {
        var values = new Dictionary<string, double>();
        foreach (var part in cell.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Pair().Match(part.Trim());
            if (!match.Success || !Keys.Contains(match.Groups["key"].Value))
            {
                error = $"\"{ChefRules.Printable(part)}\" is not a review limit; write key=percent pairs with the keys "
                        + $"{string.Join(", ", Keys)}, for example max_size_change=50";
                return null;
            }

            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            if (value > 1000 || !values.TryAdd(match.Groups["key"].Value, value))
            {
                error = value > 1000
                    ? $"{part} is more than 1000 percent"
                    : $"{match.Groups["key"].Value} is given twice";
                return null;
            }
        }

        error = null;
        return new ChefReview(
            values.TryGetValue(Keys[0], out var change) ? change : null,
            values.TryGetValue(Keys[1], out var loss) ? loss : null,
            values.TryGetValue(Keys[2], out var size) ? size : null);
    }

    /// <summary>The cell this review is written as, for export.</summary>
    public override string ToString() => string.Join(", ",
        new[] { MaxResourceChange, MaxResourceLoss, MaxSizeChange }
            .Select((value, i) => value is { } v ? $"{Keys[i]}={v.ToString(CultureInfo.InvariantCulture)}" : null)
            .OfType<string>());
}
