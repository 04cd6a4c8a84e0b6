using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// Hosts named the way OpenSSH users name them: aliases from an ssh_config written by the test, a host reached
/// only through a jump host, and what happens where OpenSSH's client is missing.
/// </summary>
[Collection(TestFleetCollection.Name)]
public sealed class SshConfigFlowTests(TestFleetFixture fixture)
{
    private const string ConfigFileLine = "  config_file: ssh_config";

    [Fact]
    public async Task Hosts_named_by_ssh_config_aliases_are_reached_at_their_host_name_as_its_user_with_its_key()
    {
        var fleet = fixture.Fleet;
        using var workspace = await FleetWorkspace.CreateAsync(
            fleet, fleet.Hosts, addressOf: h => $"fleet-{h.Name}", withIdentity: false, extraSsh: ConfigFileLine);
        await workspace.WriteSshConfigAsync();

        var result = await workspace.SushOpsAsync("setup", "--all");

        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var host in fleet.Hosts)
        {
            Assert.Contains($"[fleet-{host.Name}] chef_{host.Name}: changed: cloned", result.StandardOutput);
            Assert.True(Directory.Exists($"{workspace.ChefsDir(host)}/chef_{host.Name}/venv"), result.Output);
        }
    }

    [Fact]
    public async Task A_host_behind_a_jump_host_is_set_up_and_run_through_proxy_jump()
    {
        SshServer.SkipUnlessAvailable();
        await using var fleet = await TestFleet.StartAsync(["b", "c"], new Dictionary<string, string> { ["c"] = "b" });
        TestFleetNotes.Tell(fleet);
        var c = fleet["c"];
        using var workspace = await FleetWorkspace.CreateAsync(
            fleet, [c], addressOf: h => $"fleet-{h.Name}", withIdentity: false, extraSsh: ConfigFileLine);
        await workspace.WriteSshConfigAsync(new Dictionary<string, string> { ["c"] = "b" });

        var setup = await workspace.SushOpsAsync("setup", "chef_c");
        var run = await workspace.SushOpsAsync("run", "chef_c");

        Assert.True(setup.ExitCode == 0, setup.Output);
        Assert.Contains("[fleet-c] chef_c: changed: cloned", setup.StandardOutput);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("[fleet-c] chef_c | chef says: hello from the fleet", run.StandardOutput);
        var records = Directory.GetFiles($"{workspace.ChefsDir(c)}/chef_c/runs", "*.json");
        Assert.Contains("\"result\":\"ok\"", File.ReadAllText(records.Single()));
    }

    [Fact]
    public async Task The_jump_hosts_key_is_checked_against_known_hosts_like_any_hosts()
    {
        SshServer.SkipUnlessAvailable();
        await using var fleet = await TestFleet.StartAsync(["b", "c"], new Dictionary<string, string> { ["c"] = "b" });
        TestFleetNotes.Tell(fleet);
        var (b, c) = (fleet["b"], fleet["c"]);
        using var workspace = await FleetWorkspace.CreateAsync(
            fleet, [c], addressOf: h => $"fleet-{h.Name}", withIdentity: false, extraSsh: ConfigFileLine);
        await workspace.WriteSshConfigAsync(new Dictionary<string, string> { ["c"] = "b" });
        await File.WriteAllTextAsync(workspace.Combine("known_hosts"), File.ReadAllText(c.Server.KnownHostsPath));

        var result = await workspace.SushOpsAsync("setup", "chef_c");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"[fleet-c] chef_c: unreachable: {b.Address} is not in", result.StandardOutput);
        Assert.False(Directory.Exists($"{workspace.ChefsDir(c)}/chef_c"), result.Output);
    }

    [Fact]
    public async Task Without_OpenSSHs_client_a_warning_says_so_once_and_the_sushops_config_alone_is_used()
    {
        var fleet = fixture.Fleet;
        using var workspace = await FleetWorkspace.CreateAsync(fleet, fleet.Hosts);
        using var emptyPath = new TempDirectory("sushops-no-ssh");

        var result = await workspace.SushOpsAsync(
            new Dictionary<string, string> { ["PATH"] = emptyPath.Path }, "setup", "--all");

        Assert.True(result.ExitCode == 0, result.Output);
        var warnings = result.StandardError.Split('\n')
            .Count(line => line.Contains("OpenSSH's ssh client is not installed"));
        Assert.True(warnings == 1, result.StandardError);
        Assert.Contains("ssh_config (~/.ssh/config) is not read", result.StandardError);
    }
}
