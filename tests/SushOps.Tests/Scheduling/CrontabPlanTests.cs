using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Scheduling;
using SushOps.Targeting;

namespace SushOps.Tests.Scheduling;

public sealed class CrontabPlanTests
{
    private static readonly HostTarget Host = new(
        new RoleConfig("ck", [new HostAddress("ck1")], "/srv/chefs", "python3"), new HostAddress("ck1"));

    [Fact]
    public void With_alerts_configured_schedule_sends_the_webhook_to_the_host_as_a_secret_file()
    {
        var target = new Target(new Chef("khan", "https://example.org/k.git", "python chef.py", "0 3 * * *"), Host);
        var webhook = new Secret("https://hooks.slack.com/services/T0/B0/xyz");

        var plan = CrontabPlan.Schedule([target], new RunOptions(null, null, []), all: false, webhook).Single();

        var file = Assert.Single(plan.Files);
        Assert.Equal("/srv/chefs/.sushops/alert-webhook", file.Path);
        Assert.Same(webhook, file.Content);
        Assert.DoesNotContain("hooks.slack.com", plan.Wanted["khan"]);
    }
}
