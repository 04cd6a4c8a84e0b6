using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Scheduling;
using SushOps.Targeting;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Scheduling;

public class HostCronZoneTests
{
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static HostTarget Host(string? timeZone) =>
        new(new RoleConfig("vader", [], "/srv/chefs", "python3") { TimeZone = timeZone }, new HostAddress("vader1"));

    [Fact]
    public void The_zone_line_is_read_with_and_without_a_name()
    {
        Assert.Equal(new HostCronZone("Europe/Berlin", "+0100"), HostCronZone.Parse("zone +0100 Europe/Berlin"));
        Assert.Equal(new HostCronZone("", "+0000"), HostCronZone.Parse("zone +0000 "));
        Assert.Null(HostCronZone.Parse("MAILTO=ops@example.org"));
    }

    [Fact]
    public void A_host_in_the_zone_the_role_names_needs_no_warning()
    {
        Assert.Null(new HostCronZone("Europe/Berlin", "+0100").Mismatch(Host("Europe/Berlin"), Winter));
    }

    [Fact]
    public void Two_names_of_one_zone_agree()
    {
        Assert.Null(new HostCronZone("Etc/UTC", "+0000").Mismatch(Host("UTC"), Winter));
    }

    [Fact]
    public void A_host_in_another_zone_is_explained_with_both_fixes()
    {
        var mismatch = new HostCronZone("Etc/UTC", "+0000").Mismatch(Host("Europe/Berlin"), Winter);

        Assert.Equal(
            "cron on vader1 runs entries in the host's local time, Etc/UTC, but role vader says timezone "
            + "Europe/Berlin, the zone list shows next runs in; set roles.vader.timezone to Etc/UTC, "
            + "or set the host's zone to Europe/Berlin",
            mismatch);
    }

    [Fact]
    public void A_host_whose_zone_has_no_name_is_compared_by_its_offset()
    {
        Assert.Null(new HostCronZone("", "+0100").Mismatch(Host("Europe/Berlin"), Winter));
        Assert.Contains(
            "local time, UTC-0500, but role vader says timezone Europe/Berlin",
            new HostCronZone("", "-0500").Mismatch(Host("Europe/Berlin"), Winter));
    }

    [Fact]
    public async Task The_script_prints_the_zone_of_this_machine()
    {
        var output = new List<string>();
        await using var executor = new LocalExecutor(new HostTarget(SushOpsConfig.DefaultLocalRole, null));
        await executor.ConnectAsync(TestContext.Current.CancellationToken);

        await executor.ExecuteAsync(HostCronZone.Script, ReadOnlyMemory<byte>.Empty, line => output.Add(line.Line),
            TestContext.Current.CancellationToken);

        var zone = HostCronZone.Parse(Assert.Single(output));
        Assert.NotNull(zone);
        var offset = await ProcessRunner.RunCheckedAsync("date", ["+%z"]);
        Assert.Equal(offset.StandardOutput.Trim(), zone.Offset);
        Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(zone.Name, out _), $"unknown zone name {zone.Name}");
    }
}
