using SushOps.Configuration;
using SushOps.Health;
using SushOps.Targeting;

namespace SushOps.Tests.Health;

public sealed class HostHealthTests
{
    private static readonly Dictionary<string, string> Healthy = new()
    {
        ["git"] = "git version 2.39.5",
        ["python"] = "Python 3.11.2",
        ["venv"] = "yes",
        ["flock"] = "/usr/bin/flock",
        ["crontab"] = "/usr/bin/crontab",
        ["cron_daemon"] = "412",
        ["ffmpeg"] = "",
        ["disk_free_kb"] = (20L * 1024 * 1024).ToString(),
        ["inodes_free"] = "900000",
        ["where"] = "/srv/chefs",
    };

    [Fact]
    public void A_healthy_host_passes_every_check()
    {
        var checks = Judge(Host(), Healthy);

        Assert.All(checks, c => Assert.True(c.Ok, $"{c.Name}: {c.Detail}"));
        Assert.DoesNotContain(checks, c => c.Name == "ffmpeg");
    }

    [Theory]
    [InlineData("git", "git", "sudo apt-get install git")]
    [InlineData("venv", "venv", "sudo apt-get install python3-venv")]
    [InlineData("flock", "flock", "sudo apt-get install util-linux")]
    [InlineData("crontab", "crontab", "sudo apt-get install cron")]
    [InlineData("cron_daemon", "cron daemon", "sudo systemctl enable --now cron")]
    [InlineData("python", "python3", "roles.ck.python")]
    public void Each_missing_piece_comes_with_the_command_that_installs_it(string fact, string check, string fix)
    {
        var facts = new Dictionary<string, string>(Healthy) { [fact] = "" };

        var failed = Judge(Host(), facts).Single(c => !c.Ok);

        Assert.Equal(check, failed.Name);
        Assert.Contains(fix, failed.Fix);
    }

    [Fact]
    public void A_role_that_transcodes_needs_ffmpeg()
    {
        var checks = Judge(Host(transcodes: true), Healthy);

        var ffmpeg = Assert.Single(checks, c => c.Name == "ffmpeg");
        Assert.False(ffmpeg.Ok);
        Assert.Equal("sudo apt-get install ffmpeg", ffmpeg.Fix);
    }

    [Fact]
    public void With_alerts_configured_the_host_needs_curl()
    {
        var checks = HostHealth.Judge(Host(), Healthy, TimeSpan.Zero, 5L << 30, alerts: true);

        var curl = Assert.Single(checks, c => c.Name == "curl");
        Assert.Equal((false, "sudo apt-get install curl"), (curl.Ok, curl.Fix));
        Assert.DoesNotContain(Judge(Host(), Healthy), c => c.Name == "curl");
    }

    [Fact]
    public void Too_little_free_disk_or_inodes_fails_with_the_place_to_clean()
    {
        var facts = new Dictionary<string, string>(Healthy)
        {
            ["disk_free_kb"] = (1024L * 1024).ToString(),
            ["inodes_free"] = "12",
        };

        var failed = Judge(Host(), facts).Where(c => !c.Ok).ToList();

        Assert.Equal(["free disk", "free inodes"], failed.Select(c => c.Name));
        Assert.Equal("1 GiB free in /srv/chefs, below 5 GiB", failed[0].Detail);
    }

    [Fact]
    public void A_clock_off_by_more_than_a_minute_fails()
    {
        var checks = HostHealth.Judge(Host(), Healthy, TimeSpan.FromSeconds(-95), 5L << 30);

        var clock = Assert.Single(checks, c => c.Name == "clock");
        Assert.False(clock.Ok);
        Assert.Equal("-95 s from this machine", clock.Detail);
    }

    private static IReadOnlyList<HealthCheck> Judge(HostTarget host, Dictionary<string, string> facts) =>
        HostHealth.Judge(host, facts, TimeSpan.FromSeconds(2), 5L << 30);

    private static HostTarget Host(bool transcodes = false) => new(
        new RoleConfig("ck", [new HostAddress("ck1.example.org", null, null)], "/srv/chefs", "python3")
        {
            Transcodes = transcodes,
        },
        new HostAddress("ck1.example.org", null, null));
}
