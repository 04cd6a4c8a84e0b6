using System.Text;
using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

/// <summary>The SSH executor against the real loopback sshd: what a script reads on its standard input.</summary>
[Collection(SshServerCollection.Name)]
public sealed class SshExecutorTests(SshServerFixture fixture)
{
    private SshServer Server => fixture.Server;

    private SshExecutor Executor()
    {
        var settings = new SshSettings(Server.ClientKeyPath, Server.KnownHostsPath, 10)
        {
            ConfigFile = SshSettings.NoConfigFile,
        };
        var address = new HostAddress(Server.Host, Server.User, Server.Port);
        var role = SushOpsConfig.DefaultLocalRole with { Name = "test" };
        return new SshExecutor(new HostTarget(role, address), settings);
    }

    [Fact]
    public async Task A_script_that_reads_an_empty_input_gets_its_end_at_once_every_time()
    {
        await using var executor = Executor();
        await executor.ConnectAsync(TestContext.Current.CancellationToken);

        // An empty new crontab is the case: the script reads all of its input, which is nothing.
        for (var i = 0; i < 20; i++)
        {
            var lines = new List<string>();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var code = await executor.ExecuteAsync(
                "wc -c", ReadOnlyMemory<byte>.Empty, line => lines.Add(line.Line), limit.Token);

            Assert.Equal((0, "0"), (code, lines.Single().Trim()));
        }
    }

    [Fact]
    public async Task A_script_reads_its_whole_input_then_its_end()
    {
        await using var executor = Executor();
        await executor.ConnectAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();

        var code = await executor.ExecuteAsync(
            "cat", Encoding.UTF8.GetBytes("first\nsecond\n"), line => lines.Add(line.Line),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Equal(["first", "second"], lines);
    }

    [Fact]
    public async Task A_script_that_fails_before_reading_its_input_reports_its_exit_code_every_time()
    {
        await using var executor = Executor();
        await executor.ConnectAsync(TestContext.Current.CancellationToken);
        var input = Encoding.UTF8.GetBytes("the secret file's content\n");

        for (var i = 0; i < 50; i++)
        {
            var code = await executor.ExecuteAsync("exit 3", input, _ => { }, TestContext.Current.CancellationToken);

            Assert.Equal(3, code);
        }
    }
}
