using Serilog.Events;

namespace SushOps.Cli;

/// <summary>How much sushops says on standard error, named as dotnet names its verbosity levels.</summary>
internal static class Verbosity
{
    public static readonly string[] Names = ["quiet", "minimal", "normal", "detailed", "diagnostic"];

    public static LogEventLevel ToLevel(string name) => name switch
    {
        "quiet" => LogEventLevel.Error,
        "normal" => LogEventLevel.Information,
        "detailed" => LogEventLevel.Debug,
        "diagnostic" => LogEventLevel.Verbose,
        _ => LogEventLevel.Warning,
    };
}
