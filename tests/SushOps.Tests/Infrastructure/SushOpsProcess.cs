namespace SushOps.Tests.Infrastructure;

/// <summary>Runs the real sushops executable built beside the tests, as an operator would.</summary>
public static class SushOpsProcess
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "sushops.dll");

    /// <summary>
    /// Runs sushops in <paramref name="workingDirectory"/> with its logs under that directory, so tests
    /// neither read nor write the operator's own state.
    /// </summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>The same, with more environment variables.</summary>
    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        params string[] arguments) =>
        RunAsync(workingDirectory, environment, CancellationToken.None, arguments);

    /// <summary>The same, killed when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken,
        params string[] arguments)
    {
        var variables = new Dictionary<string, string>(environment)
        {
            ["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state"),
            ["XDG_CONFIG_HOME"] = Path.Combine(workingDirectory, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(workingDirectory, ".data"),
            ["NO_COLOR"] = "1",
        };
        return ProcessRunner.RunAsync(
            "dotnet",
            [Executable, .. arguments],
            workingDirectory: workingDirectory,
            cancellationToken: cancellationToken,
            environment: variables);
    }
}
