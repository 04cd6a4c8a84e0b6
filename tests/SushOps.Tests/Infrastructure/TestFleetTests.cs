using System.Net.Sockets;

namespace SushOps.Tests.Infrastructure;

[Collection(TestFleetCollection.Name)]
public sealed class TestFleetTests(TestFleetFixture fixture)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_host_has_its_own_address_and_host_key_and_logs_in_the_test_user_with_OpenSSH()
    {
        var fleet = fixture.Fleet;
        using var directory = new TempDirectory("sushops-fleet-check");
        var knownHosts = directory.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, fleet.KnownHostsText, _cancellationToken);

        foreach (var host in fleet.Hosts)
        {
            var result = await SshAsync(fleet, knownHosts, host, [], "id -un");

            Assert.True(result.ExitCode == 0, $"{host.Name}: {result.Output}");
            Assert.Equal(SshServer.TestUser, result.StandardOutput.Trim());
        }

        Assert.Equal(3, fleet.Hosts.Select(h => (h.Address, h.Port)).Distinct().Count());
        Assert.Equal(3, fleet.Hosts.Select(h => h.Server.HostPublicKeyLine).Distinct().Count());
        if (fleet.WhyNoNamespaces is null)
        {
            Assert.All(fleet.Hosts, h => Assert.StartsWith("10.203.", h.Address));
        }
    }

    [Fact]
    public async Task A_host_behind_another_is_reached_only_through_it()
    {
        SshServer.SkipUnlessAvailable();
        await using var fleet = await TestFleet.StartAsync(
            ["b", "c"], new Dictionary<string, string> { ["c"] = "b" }, _cancellationToken);
        TestFleetNotes.Tell(fleet);
        using var directory = new TempDirectory("sushops-fleet-check");
        var knownHosts = directory.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, fleet.KnownHostsText, _cancellationToken);
        var (b, c) = (fleet["b"], fleet["c"]);

        var through = await SshAsync(fleet, knownHosts, c, ["-J", $"{b.Login}"], "id -un");

        Assert.True(through.ExitCode == 0, through.Output);
        Assert.Equal(SshServer.TestUser, through.StandardOutput.Trim());
        if (fleet.WhyNoNamespaces is null)
        {
            Assert.False(await AnswersAsync(c), $"{c.Address} answered this machine directly");
            Assert.True(await AnswersAsync(b), $"{b.Address} did not answer this machine");
        }
    }

    [Fact]
    public async Task Disposing_a_fleet_removes_its_namespaces_and_a_new_fleet_removes_those_of_ended_runs()
    {
        SshServer.SkipUnlessAvailable();
        var leftover = $"sushops-{EndedProcessId()}-1-a";
        await ProcessRunner.RunAsync("ip", ["netns", "add", leftover]);

        var fleet = await TestFleet.StartAsync(["a"], null, _cancellationToken);
        var namespaceName = fleet["a"].Namespace;
        var during = (await ProcessRunner.RunCheckedAsync("ip", ["netns", "list"])).StandardOutput;
        await fleet.DisposeAsync();
        var after = (await ProcessRunner.RunCheckedAsync("ip", ["netns", "list"])).StandardOutput;

        Assert.DoesNotContain(leftover, during);
        if (namespaceName is not null)
        {
            Assert.Contains(namespaceName, during);
            Assert.DoesNotContain(namespaceName, after);
        }
    }

    private static int EndedProcessId()
    {
        var pid = 4_000_000;
        while (Directory.Exists($"/proc/{pid}"))
        {
            pid++;
        }

        return pid;
    }

    private static async Task<bool> AnswersAsync(FleetHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host.Address, host.Port, timeout.Token);
            using var reader = new StreamReader(client.GetStream());
            var banner = await reader.ReadLineAsync(timeout.Token);
            return banner?.StartsWith("SSH-2.0-", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    // The options go in a config file because ssh passes -F, but no -o, on to the ssh it starts for a jump host.
    private static async Task<ProcessResult> SshAsync(
        TestFleet fleet, string knownHosts, FleetHost host, string[] extra, string command)
    {
        var config = knownHosts + ".config";
        await File.WriteAllTextAsync(config, $"""
            Host *
              BatchMode yes
              StrictHostKeyChecking yes
              UserKnownHostsFile {knownHosts}
              IdentityFile {fleet.ClientKeyPath}
              ConnectTimeout 5
            """);
        return await ProcessRunner.RunAsync("ssh", [
            "-F", config, "-p", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra,
            $"{SshServer.TestUser}@{host.Address}", command,
        ]);
    }
}
