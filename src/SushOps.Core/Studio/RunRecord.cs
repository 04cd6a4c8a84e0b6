using System.Text.Json;
using System.Text.Json.Nodes;

namespace SushOps.Studio;

/// <summary>
/// A run record the host runner wrote (<c>runs/&lt;UTC time&gt;.json</c>), kept whole so that adding the
/// promotion to it keeps every other field.
/// </summary>
public sealed class RunRecord
{
    private readonly JsonObject _fields;

    private RunRecord(string name, JsonObject fields)
    {
        Name = name;
        _fields = fields;
    }

    /// <summary>The record's file name, such as <c>20261203T194347Z.json</c>.</summary>
    public string Name { get; }

    /// <summary><c>ok</c>, <c>failed</c>, <c>skipped</c>, <c>timed_out</c> or <c>interrupted</c>.</summary>
    public string? Result => Text("result");

    /// <summary>The chef's exit code; null when the run never started.</summary>
    public int? ExitCode => _fields["exit_code"] is JsonValue value && value.TryGetValue<int>(out var code)
        ? code
        : null;

    /// <summary>When the run started (UTC, ISO 8601).</summary>
    public string? Start => Text("start");

    /// <summary>When the run ended (UTC, ISO 8601).</summary>
    public string? End => Text("end");

    /// <summary>The chef's commit the run ran.</summary>
    public string? Commit => Text("commit");

    /// <summary>How it was started: <c>manual</c>, <c>cron</c> or <c>detached</c>.</summary>
    public string? Trigger => Text("trigger");

    /// <summary>The promotion state the record holds, such as <c>awaiting</c> or <c>promoted</c>.</summary>
    public string? PromotionState => _fields["promotion"] is JsonObject promotion
        && promotion["state"] is JsonValue state && state.TryGetValue<string>(out var text) ? text : null;

    /// <summary>True when the chef ran to the end and exited 0.</summary>
    public bool Succeeded => Result == "ok" && ExitCode == 0;

    /// <summary>Reads a record; null when the text is not a JSON object.</summary>
    public static RunRecord? Parse(string name, string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject fields ? new RunRecord(name, fields) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The record as one line of JSON, <paramref name="promotion"/> in its <c>promotion</c> field.</summary>
    public string WithPromotion(JsonObject promotion)
    {
        var copy = (JsonObject)_fields.DeepClone();
        copy["promotion"] = promotion;
        return copy.ToJsonString();
    }

    private string? Text(string key) =>
        _fields[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
