using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// status, logs, ps and stop on the local role, against run records that real runs of real chefs wrote: chefs
/// that succeed, that fail for a known reason, that time out, that are still running, and starts that were skipped.
/// </summary>
public sealed class StatusFlowTests : IAsyncLifetime, IDisposable
{
    // Each failure is caused for real: /dev/full refuses writes with ENOSPC, the run's stdin is closed, and
    // nothing listens on the port the offline chef connects to.
    private const string FailingScript = """
        import socket, sys, time
        kind = sys.argv[1]
        if kind == "disk":
            with open("/dev/full", "w") as video:
                video.write("frame" * 1000)
        elif kind == "ask":
            input("Previous session detected. Would you like to resume your last session? [y/n]:")
        elif kind == "refused":
            socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5)
        elif kind == "slow":
            print("started", flush=True)
            time.sleep(float(sys.argv[2]))
            print("done")
        """;

    private readonly TempDirectory _dir = new("sushops-status");

    // Makes this test's long-running chef's command line its own, so no other process is taken for it.
    private readonly string _slowSeconds = $"41.{Random.Shared.Next(100000, 999999)}";
    private ChefRepository _upstream = null!;

    private string ChefsDir => _dir.Combine("chefs");

    public async ValueTask InitializeAsync()
    {
        _upstream = await ChefRepository.CreateAsync(_dir.Combine("upstream"));
        await _upstream.CommitFileAsync("fail.py", FailingScript, "chefs that fail");
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            inventory: inventory.csv
            roles:
              local:
                chefs_dir: {ChefsDir}
            """);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), $"""
            chef_name,repo_url,command
            fine,upstream,python chef.py
            full_disk,upstream,python fail.py disk
            asks,upstream,python fail.py ask
            offline,upstream,python fail.py refused {ClosedPort()}
            timed,upstream,python fail.py slow 30
            slow,upstream,python fail.py slow {_slowSeconds}
            brief,upstream,python fail.py slow 2
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
        ProcessRunner.RunAsync("pkill", ["-f", "fail.py slow " + _slowSeconds]).Wait();
        _dir.Dispose();
    }

    [Fact]
    public async Task Status_shows_each_chefs_last_run_its_cause_what_runs_now_and_the_remotes_drift()
    {
        await SushOpsChecked("setup", "--all");
        var deployed = await _upstream.HeadAsync();
        await SushOps("run", "fine", "full_disk", "asks", "offline");
        await RunnerWithTimeLimitAsync("timed", "python fail.py slow 30");
        await SushOpsChecked("run", "slow", "--detach");
        await WaitForRunningAsync("slow");
        var skipped = await SushOps("run", "slow");
        Assert.Contains("slow: skipped:", skipped.StandardOutput);
        await _upstream.CommitFileAsync("NEWS", "a new version", "second version");
        var remote = await _upstream.HeadAsync();

        var result = await SushOps("status", "--all", "--json");

        Assert.True(result.ExitCode == 1, result.Output);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var rows = document.RootElement.GetProperty("chefs").EnumerateArray()
            .ToDictionary(row => row.GetProperty("chef").GetString()!);
        Assert.Equal(["fine", "full_disk", "asks", "offline", "timed", "slow", "brief"], rows.Keys);
        rows.Remove("brief");
        Assert.All(rows.Values, async row =>
        {
            Assert.Equal("local", row.GetProperty("host").GetString());
            Assert.True(row.GetProperty("set_up").GetBoolean());
            Assert.Equal(deployed, row.GetProperty("commit").GetString());
            Assert.True(row.GetProperty("behind_remote").GetBoolean());
            Assert.Equal(remote, row.GetProperty("remote_commit").GetString());
            Assert.True(row.GetProperty("disk_free_bytes").GetInt64() > 0);
        });
        Assert.Equal(("ok", null), LastRun(rows["fine"]));
        Assert.Equal(("failed", "disk_full"), LastRun(rows["full_disk"]));
        Assert.Equal(("failed", "stdin_closed"), LastRun(rows["asks"]));
        Assert.Equal(("failed", "network"), LastRun(rows["offline"]));
        Assert.Contains("Connection refused", Cause(rows["offline"]).GetProperty("description").GetString());
        Assert.Equal(("timed_out", "timed_out"), LastRun(rows["timed"]));
        var slow = rows["slow"];
        Assert.True(slow.GetProperty("running_now").GetProperty("pid").GetInt32() > 1);
        Assert.False(slow.TryGetProperty("last_run", out _));
        Assert.True(slow.TryGetProperty("skipped_at", out _));
    }

    [Fact]
    public async Task Status_as_a_table_names_the_cause_and_exits_with_1_when_a_last_run_failed()
    {
        await SushOpsChecked("setup", "fine", "full_disk");
        await SushOps("run", "fine", "full_disk");

        var result = await SushOps("status", "fine", "full_disk");

        Assert.True(result.ExitCode == 1, result.Output);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("chef\thost\tdeployed\trunning\tlast run\tcause\tpromotion\tnext run\tdisk free", lines[0]);
        Assert.StartsWith("fine\tlocal\t", lines[1]);
        Assert.Contains("\tok ", lines[1]);

        // A run that ended ok staged its tree, which waits for sushops promote; a failed one staged nothing.
        Assert.Equal("awaiting", lines[1].Split('\t')[6]);
        Assert.Equal("-", lines[2].Split('\t')[6]);
        Assert.Contains("\tfailed ", lines[2]);
        Assert.Contains("the host's disk is full", lines[2]);

        var fineOnly = await SushOps("status", "fine");

        Assert.True(fineOnly.ExitCode == 0, fineOnly.Output);
    }

    [Fact]
    public async Task Ps_shows_a_running_chef_and_stop_ends_it_leaving_no_process_and_a_stopped_record()
    {
        await SushOpsChecked("setup", "slow");
        await SushOpsChecked("run", "slow", "--detach");
        await WaitForRunningAsync("slow");

        var ps = await SushOps("ps", "--json");

        Assert.True(ps.ExitCode == 0, ps.Output);
        using (var document = JsonDocument.Parse(ps.StandardOutput))
        {
            var processes = document.RootElement.GetProperty("processes").EnumerateArray().ToList();
            var chefCommand = "python fail.py slow " + _slowSeconds;
            Assert.Contains(processes, p => p.GetProperty("command").GetString() == chefCommand);
            Assert.All(processes, p => Assert.Equal("slow", p.GetProperty("chef").GetString()));
        }

        var follow = await SushOps("logs", "slow", "-n", "5");

        Assert.Equal("started", follow.StandardOutput.Trim());

        var stop = await SushOps("stop", "slow", "--grace", "5");

        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.Contains("slow: changed: stopped run ", stop.StandardOutput);
        // The runner's own command line holds the chef's command too, and it ends a moment after the record.
        await Task.Delay(500);
        var left = await ProcessRunner.RunAsync("pgrep", ["-f", "fail.py slow " + _slowSeconds]);
        Assert.True(left.ExitCode != 0, "the chef was left running: " + left.StandardOutput);
        var record = Directory.GetFiles(Path.Combine(ChefsDir, "slow", "runs"), "*.json").Single();
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(record)))
        {
            Assert.Equal("stopped", json.RootElement.GetProperty("result").GetString());
        }

        var again = await SushOps("stop", "slow");

        Assert.Contains("slow: skipped: not running", again.StandardOutput);
        var status = await SushOps("status", "slow", "--json");
        using var row = JsonDocument.Parse(status.StandardOutput);
        var chef = row.RootElement.GetProperty("chefs")[0];
        Assert.Equal(("stopped", "stopped"), LastRun(chef));
        Assert.False(chef.TryGetProperty("running_now", out _));
    }

    [Fact]
    public async Task Logs_prints_the_last_or_an_earlier_run_and_lists_them()
    {
        await SushOpsChecked("setup", "fine");
        await SushOpsChecked("run", "fine");
        await Task.Delay(1100);
        await SushOpsChecked("run", "fine", "--", "second");

        var last = await SushOps("logs", "fine");
        var first = await SushOps("logs", "fine", "--run", "2", "-n", "1");
        var list = await SushOps("logs", "fine", "--list");
        var missing = await SushOps("logs", "fine", "--run", "3");

        Assert.True(last.ExitCode == 0, last.Output);
        Assert.Contains("args: second", last.StandardOutput);
        Assert.Equal("studio: -", first.StandardOutput.Trim());
        var rows = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Matches(@"^local\t1\t\d{4}-\d\d-\d\d \d\d:\d\dZ\tok\t\d+s\tmanual$", rows[1]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no run number 3 of fine", missing.StandardError);
    }

    [Fact]
    public async Task Logs_follow_streams_a_running_chefs_log_until_its_run_ends()
    {
        await SushOpsChecked("setup", "brief");
        await SushOpsChecked("run", "brief", "--detach");
        await WaitForRunningAsync("brief");

        var follow = await SushOps("logs", "brief", "--follow");

        Assert.True(follow.ExitCode == 0, follow.Output);
        Assert.Equal("started\ndone", follow.StandardOutput.Trim());
        Assert.Single(Directory.GetFiles(Path.Combine(ChefsDir, "brief", "runs"), "*.json"));
    }

    private static (string? Result, string? Cause) LastRun(JsonElement row)
    {
        var last = row.GetProperty("last_run");
        return (last.GetProperty("result").GetString(),
            last.TryGetProperty("cause", out var cause) ? cause.GetProperty("id").GetString() : null);
    }

    private static JsonElement Cause(JsonElement row) => row.GetProperty("last_run").GetProperty("cause");

    // Scheduled runs get the role's time limit; the runner is called here as cron would, with a one-second limit.
    private Task<ProcessResult> RunnerWithTimeLimitAsync(string chef, string command) =>
        ProcessRunner.RunAsync(
            "/bin/sh",
            [Path.Combine(ChefsDir, ".sushops", "bin", "run-chef"), Path.Combine(ChefsDir, chef), "", "cron", command],
            environment: new Dictionary<string, string> { ["SUSHOPS_MAX_RUN_SECONDS"] = "1" });

    private async Task WaitForRunningAsync(string chef)
    {
        var runs = Path.Combine(ChefsDir, chef, "runs");
        for (var i = 0; i < 100; i++)
        {
            var log = Directory.GetFiles(runs, "*.log").SingleOrDefault();
            if (log is not null && (await File.ReadAllTextAsync(log)).Contains("started"))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{chef} did not start");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_dir.Path, arguments);

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
