using SushOps.Inventories;
using SushOps.Scheduling;

namespace SushOps.Tests.Scheduling;

public class HashedScheduleTests
{
    [Fact]
    public void An_exact_schedule_is_kept_as_written()
    {
        Assert.Equal("0 2 1 * *", HashedSchedule.Resolve("0 2 1 * *", "khan_academy_en"));
    }

    [Fact]
    public void H_gives_each_chef_its_own_stable_time_within_range()
    {
        string[] chefs = [.. Enumerable.Range(0, 30).Select(i => $"chef_{i}")];

        var resolved = chefs.Select(c => HashedSchedule.Resolve("H H H * *", c)).ToList();

        Assert.Equal(resolved, chefs.Select(c => HashedSchedule.Resolve("H H H * *", c)));
        Assert.True(resolved.Distinct().Count() >= 25, "thirty chefs should not pile up on a few start times");
        foreach (var fields in resolved.Select(r => r.Split(' ').Select(int.Parse).Take(3).ToArray()))
        {
            Assert.InRange(fields[0], 0, 59);
            Assert.InRange(fields[1], 0, 23);
            Assert.InRange(fields[2], 1, 28);
        }
    }

    [Fact]
    public void H_in_the_month_or_weekday_is_refused_by_validation()
    {
        Assert.Contains(
            "H may stand for the minute, hour or day of the month only", ChefRules.CheckSchedule("0 3 * H *"));
        Assert.Null(ChefRules.CheckSchedule("H 3 H * *"));
    }
}
