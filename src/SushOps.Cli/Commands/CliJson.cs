using System.Text.Json.Serialization;

namespace SushOps.Cli.Commands;

/// <summary>
/// The documents that <c>--json</c> prints, with their serializers generated at build time (the Native AOT
/// build has no reflection to fall back on): snake_case names, indented, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonReport))]
[JsonSerializable(typeof(JsonPlans))]
[JsonSerializable(typeof(StatusJson.Document), TypeInfoPropertyName = "StatusDocument")]
[JsonSerializable(typeof(PsCommand.Document), TypeInfoPropertyName = "PsDocument")]
[JsonSerializable(typeof(DoctorCommand.Document), TypeInfoPropertyName = "DoctorDocument")]
[JsonSerializable(typeof(JsonOutput.ErrorDocument), TypeInfoPropertyName = "ErrorDocument")]
internal sealed partial class CliJson : JsonSerializerContext;
