using Serilog;
using Serilog.Events;
using SushOps.Configuration;

namespace SushOps.Cli;

/// <summary>
/// Sets up Serilog: messages to standard error at the chosen level, and a daily log file under
/// <c>$XDG_STATE_HOME/sushops/</c> that keeps at least Information. Standard output carries only results.
/// Both mask every secret (<see cref="SushOps.Secret.RedactKnown"/>) in the finished text, exceptions included.
/// </summary>
internal static class Logging
{
    public static string Directory =>
        Path.Combine(SushOpsConfig.XdgDirectory("XDG_STATE_HOME", ".local/state"), "sushops");

    public static void Configure(LogEventLevel consoleLevel)
    {
        var fileLevel = consoleLevel < LogEventLevel.Information ? consoleLevel : LogEventLevel.Information;
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(fileLevel)
            .WriteTo.Console(
                new RedactingFormatter("{Level:u3} {Message:lj}{NewLine}{Exception}"),
                restrictedToMinimumLevel: consoleLevel,
                standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(
                new RedactingFormatter(
                    "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}"),
                Path.Combine(Directory, "sushops-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 30)
            .CreateLogger();
    }
}
