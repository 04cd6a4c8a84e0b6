using System.Text.RegularExpressions;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// Verbs on several hosts at once, against the test fleet: hosts are worked on side by side, and a host that goes
/// away mid-run neither stops the others nor hides in the recap and the exit code.
/// </summary>
[Collection(TestFleetCollection.Name)]
public sealed class FleetFlowTests(TestFleetFixture fixture)
{
    [Fact]
    public async Task Setup_all_on_three_hosts_works_on_them_side_by_side()
    {
        var fleet = fixture.Fleet;
        using var workspace = await FleetWorkspace.CreateAsync(fleet, fleet.Hosts);

        var result = await workspace.SushOpsAsync("setup", "--all", "-v", "detailed");

        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var host in fleet.Hosts)
        {
            Assert.Contains($"[{host.Login}] chef_{host.Name}: changed: cloned", result.StandardOutput);
            var installed = await host.Server.RunAsUserAsync(
                $"{workspace.ChefsDir(host)}/chef_{host.Name}/venv/bin/python -c 'import greeting'");
            Assert.True(installed.ExitCode == 0, installed.Output);
        }

        var times = workspace.WorkTimes("setup");
        Assert.Equal(3, times.Count);
        var lastStart = times.Values.Max(t => t.Start);
        var firstEnd = times.Values.Min(t => t.End);
        var spans = times.Select(t => $"{t.Key} {t.Value.Start:HH:mm:ss.fff}-{t.Value.End:HH:mm:ss.fff}");
        Assert.True(lastStart < firstEnd, "the hosts' work did not all overlap: " + string.Join(", ", spans));
    }

    [Fact]
    public async Task A_host_whose_sshd_dies_mid_run_is_unreachable_while_the_others_finish()
    {
        SshServer.SkipUnlessAvailable();
        await using var fleet = await TestFleet.StartAsync(["a", "b", "c"]);
        TestFleetNotes.Tell(fleet);
        using var workspace = await FleetWorkspace.CreateAsync(fleet, fleet.Hosts, "sleep 4; python chef.py");
        var setup = await workspace.SushOpsAsync("setup", "--all");
        Assert.True(setup.ExitCode == 0, setup.Output);
        var b = fleet["b"];

        var run = workspace.SushOpsAsync("run", "--all");
        await WaitForRunLogAsync(workspace, b, run);
        await b.Server.StopAsync();
        var result = await run;

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"[{b.Login}] chef_b: unreachable: {b.Login}: the connection was lost", result.StandardOutput);
        foreach (var host in new[] { fleet["a"], fleet["c"] })
        {
            var says = $"[{host.Login}] chef_{host.Name} | chef says: hello from the fleet";
            Assert.Contains(says, result.StandardOutput);
            Assert.Contains($"[{host.Login}] chef_{host.Name}: ok: exit code 0", result.StandardOutput);
            Assert.Matches(Recap(host, "ok=1  changed=0  skipped=0  unreachable=0  failed=0"), result.StandardOutput);
        }

        Assert.Matches(Recap(b, "ok=0  changed=0  skipped=0  unreachable=1  failed=0"), result.StandardOutput);
    }

    // The limit only keeps a hang from holding up the suite: without keepalives this run waits a quarter of an hour
    // for the kernel to give up on the dead connection.
    [Fact]
    public async Task A_host_that_stops_answering_mid_run_is_noticed_by_keepalives_and_a_failure_elsewhere_exits_1()
    {
        SshServer.SkipUnlessAvailable();
        await using var fleet = await TestFleet.StartAsync(["a", "b", "c"]);
        if (fleet.WhyNoNamespaces is { } why)
        {
            Assert.Skip($"a host can be cut off only in a network namespace: {why}");
        }

        using var workspace = await FleetWorkspace.CreateAsync(
            fleet, fleet.Hosts, "sleep 4; python chef.py; test {host} != c", extraSsh: "  keepalive_interval: 1");
        var setup = await workspace.SushOpsAsync("setup", "--all");
        Assert.True(setup.ExitCode == 0, setup.Output);
        var b = fleet["b"];

        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromSeconds(60));
        var run = workspace.SushOpsAsync(hang.Token, "run", "--all", "-v", "diagnostic");
        await WaitForRunLogAsync(workspace, b, run);
        await fleet.CutOffAsync(b);
        await Task.WhenAny(run, Task.Delay(Timeout.Infinite, hang.Token));
        Assert.True(run.IsCompletedSuccessfully, "the run hung; its log:\n" + workspace.LogText());
        var result = await run;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"[{b.Login}] chef_b: unreachable: {b.Login}: the connection was lost: it answered no "
            + "keepalive for 3 s", result.StandardOutput);
        Assert.Contains($"[{fleet["a"].Login}] chef_a: ok: exit code 0", result.StandardOutput);
        Assert.Contains($"[{fleet["c"].Login}] chef_c: failed: exit code 1", result.StandardOutput);
    }

    [Fact]
    public async Task A_script_past_the_command_timeout_is_stopped_on_the_host_but_a_chefs_run_is_not_limited()
    {
        var fleet = fixture.Fleet;
        var a = fleet["a"];
        using var workspace = await FleetWorkspace.CreateAsync(fleet, [a], "sleep 6; python chef.py");
        var first = await workspace.SushOpsAsync("setup", "chef_a");
        Assert.True(first.ExitCode == 0, first.Output);

        // Setup again with a post-setup command that outlasts the limit: only that step has work to do.
        var marker = $"sleep 61.{Random.Shared.Next(100, 999)}";
        await File.WriteAllTextAsync(workspace.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,role,post_setup
            chef_a,{workspace.Upstream.Path},sleep 6; python chef.py,ra,{marker}
            """);
        await File.AppendAllTextAsync(workspace.Combine("sushops.yaml"), "  command_timeout: 5\n");
        var setup = await workspace.SushOpsAsync("setup", "chef_a");
        var left = await a.Server.RunAsUserAsync($"pgrep -f '[{marker[0]}]{marker[1..]}' || true");
        var run = await workspace.SushOpsAsync("run", "chef_a");

        Assert.Equal(1, setup.ExitCode);
        Assert.Contains($"[{a.Login}] chef_a: failed:", setup.StandardOutput);
        Assert.Contains(
            "ran longer than ssh.command_timeout (5 s) and was stopped (exit code 124)", setup.StandardError);
        Assert.True(left.StandardOutput.Trim().Length == 0, $"{marker} still runs on the host: {left.StandardOutput}");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"[{a.Login}] chef_a | chef says: hello from the fleet", run.StandardOutput);
    }

    private static string Recap(FleetHost host, string counts) => $"  {Regex.Escape(host.Login)} +{counts}";

    /// <summary>Waits until the chef's run on <paramref name="host"/> has begun (its log exists).</summary>
    private static async Task WaitForRunLogAsync(FleetWorkspace workspace, FleetHost host, Task<ProcessResult> run)
    {
        var runs = $"{workspace.ChefsDir(host)}/chef_{host.Name}/runs";
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            if (Directory.Exists(runs) && Directory.GetFiles(runs, "*.log").Length > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the run on {host.Name} did not begin: {(run.IsCompleted ? (await run).Output : "no log")}");
    }
}
