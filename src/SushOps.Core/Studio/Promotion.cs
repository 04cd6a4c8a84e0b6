using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SushOps.Inventories;

namespace SushOps.Studio;

/// <summary>The decision about one chef's staged tree, with the diff and findings that led to it.</summary>
/// <param name="Chef">The chef.</param>
/// <param name="Result">How it ended.</param>
/// <param name="Message">The decision in words, with the reason when it was not promoted.</param>
public sealed record Promotion(Chef Chef, PromotionResult Result, string Message)
{
    /// <summary>Studio's diff, when one was fetched.</summary>
    public NodeDiff? Diff { get; init; }

    /// <summary>Every rule's finding; empty when no diff was judged.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; init; } = [];

    /// <summary>The run that staged the tree, when its record was found.</summary>
    public RunRecord? Run { get; init; }

    /// <summary>Who forced a promotion that rules held back; null when none was forced.</summary>
    public string? ForcedBy { get; init; }

    /// <summary>The channel's version after publishing.</summary>
    public int? Version { get; init; }

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The state kept in the run record: <c>promoted</c>, <c>held</c>, <c>ready_to_deploy</c>….</summary>
    public string State => Result switch
    {
        PromotionResult.Promoted => "promoted",
        PromotionResult.Deployed => "deployed",
        PromotionResult.ReadyToDeploy => "ready_to_deploy",
        PromotionResult.WouldDeploy => "would_deploy",
        PromotionResult.Held => "held",
        PromotionResult.NothingToPromote => "nothing_staged",
        PromotionResult.Skipped => "skipped",
        _ => "failed",
    };

    /// <summary>The promotion as the run record's <c>promotion</c> field, for <c>status</c> to read.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["state"] = State,
            ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["channel_id"] = Chef.ChannelId,
            ["decision"] = Message,
            ["failed_rules"] = new JsonArray(Review.Failures(Findings).Select(f => (JsonNode?)f.Rule).ToArray()),
            ["rules"] = new JsonArray(Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["rule"] = f.Rule,
                ["passed"] = f.Passed,
                ["detail"] = f.Detail,
            }).ToArray()),
        };
        if (Diff is not null)
        {
            json["diff_generated"] = Diff.Generated;
            json["diff"] = new JsonArray(Diff.Stats.Select(s => (JsonNode?)new JsonObject
            {
                ["field"] = s.Field,
                ["original"] = Node(s.Original),
                ["changed"] = Node(s.Changed),
            }).ToArray());
        }

        if (ForcedBy is not null)
        {
            json["forced_by"] = ForcedBy;
        }

        if (Version is not null)
        {
            json["version"] = Version;
        }

        return json;
    }

    private static JsonNode? Node(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText());
}
