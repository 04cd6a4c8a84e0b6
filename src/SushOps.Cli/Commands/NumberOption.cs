using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace SushOps.Cli.Commands;

/// <summary>
/// Parses the number an option takes: a value that is not a number, or out of range, is a usage error that
/// names the option and what it needs (never an exception).
/// </summary>
internal static class NumberOption
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int Whole(ArgumentResult result, string need, int min, int max) =>
        InRange(result, need, min, max, NumberStyles.AllowLeadingSign);

    /// <summary>A decimal number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static double Decimal(ArgumentResult result, string need, double min, double max) =>
        InRange(result, need, min, max, NumberStyles.Float);

    private static T InRange<T>(ArgumentResult result, string need, T min, T max, NumberStyles styles)
        where T : INumber<T>
    {
        var text = Text(result);
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        result.AddError($"{need}, not \"{text}\".");
        return min;
    }

    private static string Text(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
}
