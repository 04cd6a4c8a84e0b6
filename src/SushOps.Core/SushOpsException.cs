namespace SushOps;

/// <summary>
/// A failure meant for the person at the terminal: its message names the thing, the place and the fix,
/// and it carries the exit code the process ends with.
/// </summary>
public class SushOpsException(string message, int exitCode = ExitCodes.Usage, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The exit code sushops ends with when this error reaches the top.</summary>
    public int ExitCode { get; } = exitCode;
}
