using System.Text;
using System.Text.Json;
using SushOps.Alerts;
using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Status;
using SushOps.Targeting;

namespace SushOps.Tests.Status;

public sealed class StatusRowsTests
{
    private static readonly Target Target = new(
        new Chef("khan", "https://example.org/khan.git", "python chef.py"),
        new HostTarget(SushOpsConfig.DefaultLocalRole, null));

    [Fact]
    public void The_last_run_is_the_newest_that_was_not_skipped_and_its_log_names_the_cause()
    {
        var chef = new ChefFacts
        {
            Chef = "khan",
            Setup = true,
            Commit = "aaaa111",
            Records =
            [
                Record("20261203T030000Z", "skipped", "null"),
                Record("20261202T030000Z", "failed", "1"),
                Record("20261201T030000Z", "ok", "0"),
            ],
            LogTail = Base64("Downloading...\nOSError: [Errno 28] No space left on device\n"),
        };

        var row = StatusRows.Build(Target, Host(), chef);

        Assert.Equal("20261202T030000Z", row.LastRun?.Name);
        Assert.True(row.LastRunFailed);
        Assert.Equal("disk_full", row.Cause?.Id);
        Assert.Equal(TimeSpan.FromMinutes(5), row.LastRun?.Duration);
    }

    [Fact]
    public void A_running_chef_shows_its_process_group_and_the_start_of_its_run()
    {
        var chef = new ChefFacts { Chef = "khan", Setup = true, RunningPid = 4242, RunningRun = "20261203T101500Z" };

        var row = StatusRows.Build(Target, Host(), chef);

        Assert.Equal(4242, row.RunningPid);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero), row.RunningSince);
        Assert.Null(row.LastRun);
    }

    [Fact]
    public void The_next_run_comes_from_the_installed_entry_in_the_hosts_offset()
    {
        var crontab = "# sushops:khan\n30 6 * * * '/x/.sushops/bin/run-chef' '/x/khan' '' cron 'y' >/dev/null\n";

        var row = StatusRows.Build(Target, Host(crontab, "-0500"), new ChefFacts { Chef = "khan" });

        Assert.Equal("30 6 * * *", row.Schedule);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 11, 30, 0, TimeSpan.Zero), row.NextRun?.ToUniversalTime());
        Assert.Equal(5L * 1024 * 1024, row.DiskFreeBytes);
    }

    [Fact]
    public void A_remote_at_another_commit_is_ahead_of_the_deployed_one()
    {
        var row = StatusRows.Build(Target, Host(), new ChefFacts { Chef = "khan", Setup = true, Commit = "aaa" });
        var remote = new RemoteHead(new Dictionary<string, string> { ["main"] = "bbb" }, "main");

        var withRemote = StatusRows.WithRemote(row, remote);

        Assert.Equal("bbb", withRemote.RemoteCommit);
        Assert.True(withRemote.IsBehindRemote);
    }

    [Fact]
    public void The_checkouts_branch_is_followed_when_the_inventory_names_none()
    {
        var facts = new ChefFacts { Chef = "khan", Setup = true, Commit = "ccc", Branch = Base64("release\n") };
        var row = StatusRows.Build(Target, Host(), facts);
        var remote = new RemoteHead(new Dictionary<string, string> { ["main"] = "bbb", ["release"] = "ccc" }, "main");

        var withRemote = StatusRows.WithRemote(row, remote);

        Assert.Equal("ccc", withRemote.RemoteCommit);
        Assert.False(withRemote.IsBehindRemote);
    }

    [Fact]
    public void A_remote_that_cannot_be_read_says_why()
    {
        var row = StatusRows.Build(Target, Host(), new ChefFacts { Chef = "khan", Commit = "aaa" });

        var withRemote = StatusRows.WithRemote(row, new RemoteHead(new Dictionary<string, string>(), null, "denied"));

        Assert.Equal("denied", withRemote.RemoteProblem);
        Assert.False(withRemote.IsBehindRemote);
    }

    [Theory]
    [InlineData("20261203T030000Z", false)]
    [InlineData("20261203T025930Z", false)]
    [InlineData("20261202T030000Z", true)]
    [InlineData(null, true)]
    public void A_scheduled_time_that_left_no_run_is_a_missed_run(string? lastStart, bool missed)
    {
        var crontab = "# sushops:khan\n0 3 * * * '/x/.sushops/bin/run-chef' '/x/khan' '' cron 'y' >/dev/null\n";
        var chef = new ChefFacts
        {
            Chef = "khan",
            Records = lastStart is null ? [] : [Record(lastStart, "skipped", "null")],
        };

        var row = StatusRows.Build(Target, Host(crontab), chef);

        var due = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(missed ? due : null, row.MissedRun?.ToUniversalTime());
    }

    [Fact]
    public void A_chef_running_now_has_missed_nothing()
    {
        var crontab = "# sushops:khan\n0 3 * * * '/x/.sushops/bin/run-chef' '/x/khan' '' cron 'y' >/dev/null\n";
        var chef = new ChefFacts { Chef = "khan", RunningPid = 77, RunningRun = "20261202T030000Z" };

        Assert.Null(StatusRows.Build(Target, Host(crontab), chef).MissedRun);
    }

    [Fact]
    public void The_missed_run_alert_names_each_chef_host_and_due_time()
    {
        var row = new ChefStatus(Target)
        {
            Schedule = "0 3 * * *",
            MissedRun = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero),
        };

        var message = MissedRunAlert.Message([row, new ChefStatus(Target)]);

        Assert.Equal("sushops: a scheduled run did not happen:\n"
                     + "• *khan* on *local*: due 2026-12-03 03:00Z (0 3 * * *), no run recorded", message);
        Assert.Null(MissedRunAlert.Message([new ChefStatus(Target)]));
    }

    private static HostFacts Host(string crontab = "", string offset = "+0000") => new()
    {
        Now = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
        UtcOffset = offset,
        DiskFreeKb = 5 * 1024,
        Crontab = Base64(crontab),
    };

    private static RecordFacts Record(string name, string result, string exitCode)
    {
        var start = DateTimeOffset.ParseExact(name, "yyyyMMdd'T'HHmmss'Z'", null);
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["chef"] = "khan",
            ["result"] = result,
            ["exit_code"] = int.TryParse(exitCode, out var code) ? code : null,
            ["start"] = start,
            ["end"] = start.AddMinutes(5),
            ["log"] = name + ".log",
        });
        return new RecordFacts(name, Base64(json));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
