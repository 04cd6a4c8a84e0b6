using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SushOps.Runs;

/// <summary>
/// One run of a chef on a host, as the runner records it in <c>&lt;chef&gt;/runs/&lt;UTC time&gt;.json</c>: one line
/// of JSON written when the run ends. Fields this version does not know are ignored.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The chef's name.</summary>
    public string Chef { get; init; } = "";

    /// <summary>The host's own name (its <c>hostname</c>).</summary>
    public string Host { get; init; } = "";

    /// <summary>Who started it: <c>manual</c>, <c>cron</c> or <c>detached</c>.</summary>
    public string Trigger { get; init; } = "";

    /// <summary>The result as written: <c>ok</c>, <c>failed</c>, <c>skipped</c>, <c>timed_out</c>, ….</summary>
    [JsonPropertyName("result")]
    public string ResultText { get; init; } = "";

    /// <summary>The chef's exit code; null for a start that was skipped.</summary>
    public int? ExitCode { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>The commit the checkout was at; empty when unknown.</summary>
    public string? Commit { get; init; }

    /// <summary>The log's file name beside the record.</summary>
    public string? Log { get; init; }

    /// <summary>Whether the staged tree the run uploaded went live; null for a run that staged nothing.</summary>
    public RunPromotion? Promotion { get; init; }

    /// <summary>The record's name: its file name without <c>.json</c>, the UTC time the run started.</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    /// <summary>How the run ended.</summary>
    [JsonIgnore]
    public RunResult Result => ResultText switch
    {
        "ok" => RunResult.Ok,
        "failed" => RunResult.Failed,
        "skipped" => RunResult.Skipped,
        "timed_out" => RunResult.TimedOut,
        "interrupted" => RunResult.Interrupted,
        "stopped" => RunResult.Stopped,
        _ => RunResult.Unknown,
    };

    /// <summary>True for runs that did not do their job: failed or timed out.</summary>
    [JsonIgnore]
    public bool IsFailure => Result is RunResult.Failed or RunResult.TimedOut;

    /// <summary>How long it ran, when both times are known.</summary>
    [JsonIgnore]
    public TimeSpan? Duration => Start is { } start && End is { } end ? end - start : null;

    /// <summary>
    /// Reads one record; <paramref name="name"/> is its file name without <c>.json</c>.
    /// Throws <see cref="FormatException"/> when the text is not a run record.
    /// </summary>
    public static RunRecord Parse(string json, string name)
    {
        try
        {
            var record = JsonSerializer.Deserialize(json, CoreJson.Default.RunRecord)
                         ?? throw new FormatException($"The run record {name} is empty.");
            return record with { Name = name };
        }
        catch (JsonException e)
        {
            throw new FormatException($"The run record {name} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The UTC time in a runner's run name (<c>20261203T194347Z</c>, or with <c>-PID</c> after it); null when
    /// the name has none.
    /// </summary>
    public static DateTimeOffset? TimeOfName(string name)
    {
        var stamp = name.Split('-')[0];
        return DateTimeOffset.TryParseExact(stamp, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }
}
