using System.Globalization;
using System.Text.Json;

namespace SushOps.Studio;

/// <summary>One row of Studio's node diff: a field of the live tree and of the staged tree.</summary>
/// <param name="Field">The field, such as <c>count_resources</c> or <c>ricecooker_version</c>.</param>
/// <param name="Original">Its value in the live tree.</param>
/// <param name="Changed">Its value in the staged tree.</param>
public sealed record DiffStat(string Field, JsonElement Original, JsonElement Changed)
{
    /// <summary>The live value as a number, when it is one.</summary>
    public double? OriginalNumber => Number(Original);

    /// <summary>The staged value as a number, when it is one.</summary>
    public double? ChangedNumber => Number(Changed);

    /// <summary>The live value as text for a table.</summary>
    public string OriginalText => Text(Original);

    /// <summary>The staged value as text for a table.</summary>
    public string ChangedText => Text(Changed);

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(
            value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => value.GetRawText(),
    };
}
