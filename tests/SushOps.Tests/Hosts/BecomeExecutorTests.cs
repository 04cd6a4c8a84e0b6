using System.Text;
using SushOps.Hosts;

namespace SushOps.Tests.Hosts;

public class BecomeExecutorTests
{
    [Fact]
    public void The_command_runs_the_script_through_sudo_with_the_user_quoted_and_no_password_in_it()
    {
        var command = BecomeExecutor.Command("chef", "echo 'hi'");

        Assert.StartsWith("exec sudo -k -S -p '' -u 'chef' -H /bin/sh -c '", command);
        Assert.EndsWith(" sushops 'echo '\\''hi'\\'''", command);
    }

    [Fact]
    public void Standard_input_is_the_password_line_then_the_marker_then_the_scripts_input()
    {
        var framed = BecomeExecutor.Frame(new Secret("pass word-51"), "token\n"u8);

        Assert.Equal($"pass word-51\n{BecomeExecutor.InputMarker}\ntoken\n", Encoding.UTF8.GetString(framed));
    }

    [Fact]
    public async Task The_become_wrapper_skips_a_password_sudo_did_not_read_and_passes_the_rest_on()
    {
        // As when the sudoers rule needs no password: the password line reaches the wrapper, which drops it.
        var input = Encoding.UTF8.GetString(BecomeExecutor.Frame(new Secret("unread"), "line one\nline two\n"u8));

        var result = await Infrastructure.ProcessRunner.RunAsync(
            "/bin/sh", ["-c", HostScripts.Become, "sushops", "cat; echo \"exit from $0\"; exit 3"], input);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("line one\nline two\nexit from sushops\n", result.StandardOutput);
    }
}
