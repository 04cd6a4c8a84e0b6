using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Scheduling;
using SushOps.Targeting;

namespace SushOps.Tests.Scheduling;

public class CronEntryTests
{
    private static Target Target(
        string? schedule,
        RoleConfig? role = null,
        string command = "./chef.py lang=en") => new(
        new Chef("khan", "https://example.org/khan.git", command, schedule, WorkingDirectory: "chefs/en"),
        new HostTarget(role ?? new RoleConfig("ck", [], "/srv/chefs", "python3"), new HostAddress("ck1")));

    [Fact]
    public void The_entry_calls_the_runner_with_trigger_cron_and_the_role_settings()
    {
        var role = new RoleConfig("ck", [], "/srv/chefs", "python3") { Stage = StageFlag.Never, MaxRunHours = 1.5 };

        var line = CronEntry.For(Target("0 3 1 * *", role), new RunOptions("https://studio.example.org", null, []));

        Assert.Equal(
            "0 3 1 * * STUDIO_URL='https://studio.example.org' SUSHOPS_STAGE=never SUSHOPS_MAX_RUN_SECONDS=5400 "
            + "'/srv/chefs/.sushops/bin/run-chef' '/srv/chefs/khan' 'chefs/en' cron './chef.py lang=en' >/dev/null",
            line);
    }

    [Fact]
    public void Percent_signs_are_escaped_for_cron()
    {
        var line = CronEntry.For(Target("@daily", command: "./chef.py --date=$(date +%F)"), RunOptions.None);

        Assert.Contains("'./chef.py --date=$(date +\\%F)'", line);
    }

    [Fact]
    public void The_token_goes_in_as_the_path_of_its_file()
    {
        var line = CronEntry.For(Target("@daily"), new RunOptions(null, new Secret("tok-1"), []));

        Assert.Contains("--token='\\''/srv/chefs/.sushops/studio-token'\\''", line);
        Assert.DoesNotContain("tok-1", line);
    }

    [Fact]
    public void A_chef_without_a_schedule_has_no_entry()
    {
        Assert.Null(CronEntry.For(Target(null), RunOptions.None));
    }

    [Fact]
    public void Every_entry_carries_the_runner_signature_the_crontab_edit_looks_for()
    {
        var line = CronEntry.For(Target("@daily", new RoleConfig("ck", [], "~/chefs", "python3")), RunOptions.None);

        Assert.Contains(CrontabEdit.RunnerSignature, line);
        Assert.Contains("\"$HOME\"/'chefs/.sushops/bin/run-chef'", line);
    }
}
