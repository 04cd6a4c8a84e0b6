using SushOps.Status;

namespace SushOps.Tests.Status;

public sealed class InstalledScheduleTests
{
    private const string Crontab = """
        MAILTO=ops@example.org
        # sushops:khan
        17 3 * * 1 SUSHOPS_STAGE=auto "$HOME"/'chefs/.sushops/bin/run-chef' x '' cron 'python chef.py' >/dev/null
        # sushops:monthly
        @monthly SUSHOPS_STAGE=auto '/srv/chefs/.sushops/bin/run-chef' '/srv/chefs/monthly' '' cron 'x' >/dev/null
        # sushops:orphan
        5 4 * * * /usr/bin/backup
        """;

    [Theory]
    [InlineData("khan", "17 3 * * 1")]
    [InlineData("monthly", "@monthly")]
    [InlineData("orphan", null)]
    [InlineData("absent", null)]
    public void The_schedule_comes_from_the_entry_under_the_chefs_marker(string chef, string? expected)
    {
        Assert.Equal(expected, InstalledSchedule.Of(Crontab, chef));
    }

    [Fact]
    public void The_next_run_is_in_crons_time_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("host", TimeSpan.FromHours(2), "host", "host");
        var from = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        var next = InstalledSchedule.Next("17 3 * * *", zone, from);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 1, 17, 0, TimeSpan.Zero), next?.ToUniversalTime());
    }

    [Theory]
    [InlineData("*/5 * * * *", "2026-12-03T11:55:00Z")]
    [InlineData("0 3 * * *", "2026-12-03T03:00:00Z")]
    [InlineData("0 0 1 1 *", "2026-01-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", null)]
    public void The_previous_run_is_looked_for_up_to_a_year_back(string schedule, string? expected)
    {
        var before = new DateTimeOffset(2026, 12, 3, 11, 58, 0, TimeSpan.Zero);

        var previous = InstalledSchedule.Previous(schedule, TimeZoneInfo.Utc, before);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), previous);
    }

    [Fact]
    public void A_schedule_cronos_cannot_read_has_no_next_run()
    {
        Assert.Null(InstalledSchedule.Next("61 * * * *", TimeZoneInfo.Utc, DateTimeOffset.UtcNow));
    }
}
