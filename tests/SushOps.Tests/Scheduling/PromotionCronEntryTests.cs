using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Scheduling;
using SushOps.Targeting;

namespace SushOps.Tests.Scheduling;

/// <summary>The cron entry tells the runner which sushops promotes, when the role has one.</summary>
public class PromotionCronEntryTests
{
    private static string? Line(RoleConfig role) => CronEntry.For(
        new Target(new Chef("khan", "https://example.org/khan.git", "./chef.py", "@daily"),
            new HostTarget(role, new HostAddress("ck1"))),
        RunOptions.None);

    [Fact]
    public void A_role_with_sushops_path_gives_the_runner_that_sushops_to_promote_with()
    {
        var role = new RoleConfig("ck", [], "/srv/chefs", "python3") { SushopsPath = "~/bin/sushops it" };

        Assert.Contains("SUSHOPS_PROMOTE=\"$HOME\"/'bin/sushops it' ", Line(role));
    }

    [Fact]
    public void A_role_without_sushops_path_leaves_promotion_to_an_operator()
    {
        Assert.DoesNotContain("SUSHOPS_PROMOTE", Line(new RoleConfig("ck", [], "/srv/chefs", "python3")));
    }
}
