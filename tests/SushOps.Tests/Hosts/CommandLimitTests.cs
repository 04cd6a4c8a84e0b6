using SushOps.Hosts;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

/// <summary>The command timeout's shell, run by the real /bin/sh and coreutils' timeout.</summary>
public sealed class CommandLimitTests
{
    [Fact]
    public void Without_a_limit_the_script_is_left_as_it_is()
    {
        Assert.Equal("echo hi", CommandLimit.Wrap("echo hi", null));
    }

    [Fact]
    public async Task A_script_that_ends_in_time_keeps_its_output_and_exit_code()
    {
        var result = await ShAsync(CommandLimit.Wrap("echo \"it's fine\"; exit 3", 30));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("it's fine\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_script_that_runs_too_long_is_stopped_with_exit_code_124()
    {
        var result = await ShAsync(CommandLimit.Wrap("sleep 30; echo too late", 1));

        Assert.Equal(CommandLimit.TimedOutExitCode, result.ExitCode);
        Assert.DoesNotContain("too late", result.StandardOutput);
    }

    [Fact]
    public async Task The_script_still_reads_its_standard_input()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", CommandLimit.Wrap("cat", 30)], "secret\n");

        Assert.Equal("secret\n", result.StandardOutput);
    }

    private static Task<ProcessResult> ShAsync(string script) => ProcessRunner.RunAsync("/bin/sh", ["-c", script]);
}
