using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SushOps.Alerts;
using SushOps.Inventories;
using SushOps.Runs;
using SushOps.Status;

namespace SushOps;

/// <summary>
/// The JSON that sushops reads and writes itself (run records, status facts, the inventory cache, alerts), with
/// its serializers generated at build time: the Native AOT build has no reflection to fall back on. Names are
/// snake_case, as the host-side scripts write them.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(HostFacts))]
[JsonSerializable(typeof(ChefFacts))]
[JsonSerializable(typeof(CachedInventory))]
[JsonSerializable(typeof(List<FailureSignatureJson>))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class CoreJson : JsonSerializerContext;
