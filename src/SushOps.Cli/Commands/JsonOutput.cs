using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SushOps.Cli.Commands;

/// <summary>
/// The one JSON document a <c>--json</c> call prints on standard output, secrets masked. A call that fails
/// before it printed its document prints an error document instead, so a script always has one to read.
/// </summary>
internal static class JsonOutput
{
    private static readonly AsyncLocal<StrongBox<bool>?> Printed = new();

    /// <summary>Starts a call: nothing is printed yet.</summary>
    public static void Begin() => Printed.Value = new StrongBox<bool>();

    /// <summary>Prints <paramref name="document"/>.</summary>
    public static void Print<T>(T document, JsonTypeInfo<T> type)
    {
        Console.Out.WriteLine(Secret.RedactKnown(JsonSerializer.Serialize(document, type)));
        Printed.Value?.Value = true;
    }

    /// <summary>Prints <c>{"error": …, "exit_code": …}</c>, unless the call already printed its document.</summary>
    public static void PrintError(string message, int exitCode)
    {
        if (Printed.Value is not { Value: true })
        {
            Print(new ErrorDocument(message, exitCode), CliJson.Default.ErrorDocument);
        }
    }

    /// <summary>What a <c>--json</c> call that failed prints.</summary>
    internal sealed record ErrorDocument(string Error, int ExitCode);
}
