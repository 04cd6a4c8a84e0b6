namespace SushOps.Tests.Infrastructure;

/// <summary>How a finished local process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for failure messages.</summary>
    public string Output => $"exit code {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
