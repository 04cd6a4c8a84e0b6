namespace SushOps.Tests.Infrastructure;

/// <summary>
/// Runs the real sushops executable as an operator would: the one built beside the tests, or the published
/// build that <c>SUSHOPS_TEST_EXECUTABLE</c> names (CI runs the flow tests again on what a release ships).
/// </summary>
public static class SushOpsProcess
{
    /// <summary>The command that starts sushops: the program, then the arguments before sushops's own.</summary>
    public static readonly IReadOnlyList<string> Command =
        System.Environment.GetEnvironmentVariable("SUSHOPS_TEST_EXECUTABLE") is { Length: > 0 } published
            ? [Path.GetFullPath(published)]
            : ["dotnet", Path.Combine(AppContext.BaseDirectory, "sushops.dll")];

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
        params string[] arguments) =>
        ProcessRunner.RunAsync(
            Command[0],
            [.. Command.Skip(1), .. arguments],
            workingDirectory: workingDirectory,
            cancellationToken: cancellationToken,
            environment: Environment(workingDirectory, environment));

    /// <summary>How to start sushops in <paramref name="workingDirectory"/>, for a test to start it.</summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in Command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(workingDirectory, environment ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Logs, config and data under the working directory, and no colours.</summary>
    private static Dictionary<string, string> Environment(
        string workingDirectory, IReadOnlyDictionary<string, string> environment) =>
        new(environment)
        {
            ["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state"),
            ["XDG_CONFIG_HOME"] = Path.Combine(workingDirectory, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(workingDirectory, ".data"),
            ["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache"),
            ["NO_COLOR"] = "1",
        };
}
