using SushOps.Shell;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// sushops on a terminal (a pseudo-terminal made by util-linux's <c>script</c>): a live display while it works,
/// and plain lines, as when redirected, once NO_COLOR is set.
/// </summary>
public sealed class LiveProgressFlowTests : IAsyncLifetime, IDisposable
{
    private const string HideCursor = "\u001b[?25l";
    private readonly TempDirectory _dir = new("sushops-live");

    public async ValueTask InitializeAsync()
    {
        await ChefRepository.CreateAsync(_dir.Combine("upstream"));
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            roles:
              local:
                chefs_dir: {_dir.Combine("chefs")}
            """);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), """
            chef_name,repo_url,command
            demo,upstream,python chef.py
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task On_a_terminal_the_work_is_shown_live_and_then_each_result_as_a_plain_line()
    {
        var result = await OnTerminalAsync(noColor: false, "setup", "demo");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(HideCursor, result.StandardOutput);
        Assert.Contains("[local] demo: changed: cloned", result.StandardOutput);
        Assert.Contains("local  ok=0  changed=1", result.StandardOutput);
    }

    [Fact]
    public async Task On_a_terminal_with_no_color_set_the_output_is_plain_lines()
    {
        var result = await OnTerminalAsync(noColor: true, "setup", "demo");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(HideCursor, result.StandardOutput);
        Assert.DoesNotContain("\u001b[1m", result.StandardOutput);
        Assert.Contains("[local] demo: changed: cloned", result.StandardOutput);
    }

    private Task<ProcessResult> OnTerminalAsync(bool noColor, params string[] arguments)
    {
        string[] command =
        [
            "env", noColor ? "NO_COLOR=1" : "-uNO_COLOR", "TERM=xterm",
            $"XDG_STATE_HOME={_dir.Combine(".state")}", $"XDG_DATA_HOME={_dir.Combine(".data")}",
            .. SushOpsProcess.Command, .. arguments,
        ];
        return ProcessRunner.RunAsync(
            "script", ["-qec", ShellQuote.Join(command), "/dev/null"], workingDirectory: _dir.Path);
    }
}
