using SushOps.Configuration;
using SushOps.Health;
using SushOps.Inventories;
using SushOps.Reports;
using SushOps.Runs;
using SushOps.Status;
using SushOps.Targeting;

namespace SushOps.Tests.Reports;

public sealed class HtmlReportTests
{
    private static readonly Target Target = new(
        new Chef("khan<b>", "https://example.org/k.git", "python chef.py"),
        new HostTarget(SushOpsConfig.DefaultLocalRole, null));

    [Fact]
    public void Runs_show_as_a_strip_oldest_first_with_the_cause_and_drift_and_text_is_escaped()
    {
        var failed = RunRecord.Parse(
            """{"result":"failed","start":"2026-12-03T03:00:00Z","end":"2026-12-03T03:10:00Z"}""", "b");
        var ok = RunRecord.Parse(
            """{"result":"ok","start":"2026-12-02T03:00:00Z","end":"2026-12-02T03:05:00Z"}""", "a");
        var row = new ChefStatus(Target)
        {
            SetUp = true,
            Commit = "aaaaaaaaaa",
            RemoteCommit = "bbbbbbbbbb",
            History = [failed, ok],
            LastRun = failed,
            Cause = new FailureCause("disk_full", "disk <full>"),
        };
        var health = new Dictionary<string, IReadOnlyList<HealthCheck>>
        {
            ["local"] = [new HealthCheck("git", false, "not found", "sudo apt-get install git")],
        };

        var html = HtmlReport.Render([row], health, DateTimeOffset.UnixEpoch);

        Assert.Contains("khan&lt;b&gt;", html);
        Assert.DoesNotContain("khan<b>", html);
        Assert.Matches("<span class=\"ok\"[^>]*></span><span class=\"failed\"", html);
        Assert.Contains("disk &lt;full&gt;", html);
        Assert.Contains("remote ahead: bbbbbbb", html);
        Assert.Contains("<tr class=\"bad\"><td>git</td>", html);
        Assert.Contains("<polyline points=\"0,15 200,2\"", html);
    }

    [Fact]
    public void A_promoted_or_held_run_shows_its_promotion_and_why()
    {
        var held = RunRecord.Parse(
            """{"result":"ok","start":"2026-12-03T03:00:00Z","end":"2026-12-03T03:10:00Z","promotion":"""
            + """{"state":"held","decision":"held for review: 1 of 6 rules failed (size_changed)"}}""", "a");
        var row = new ChefStatus(Target) { SetUp = true, History = [held], LastRun = held };

        var noHealth = new Dictionary<string, IReadOnlyList<HealthCheck>>();

        var html = HtmlReport.Render([row], noHealth, DateTimeOffset.UnixEpoch);

        Assert.Contains("<dt>promotion</dt><dd>held: held for review: 1 of 6 rules failed (size_changed)</dd>", html);
    }
}
