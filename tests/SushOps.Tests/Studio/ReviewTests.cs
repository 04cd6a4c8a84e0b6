using System.Text.Json;
using SushOps.Studio;

namespace SushOps.Tests.Studio;

/// <summary>The review rules alone: numbers in, findings with their numbers out.</summary>
public sealed class ReviewTests
{
    private static readonly RunRecord GoodRun = Run("ok", 0);

    [Fact]
    public void A_diff_within_every_limit_passes_every_rule()
    {
        var findings = Review.Evaluate(Diff(StagedDiffs.Clean()), GoodRun, ReviewRules.Default);

        Assert.Equal(6, findings.Count);
        Assert.All(findings, f => Assert.True(f.Passed, f.Detail));
    }

    [Theory]
    [InlineData(100, 110, true)]
    [InlineData(100, 111, false)]
    [InlineData(1000, 905, true)] // 9.5% change, but the loss rule decides (next test)
    public void Count_resources_may_change_by_ten_percent(double live, double staged, bool passes)
    {
        var finding = Find(Diff(StagedDiffs.Make((live, staged), (1e9, 1e9))), "resources_changed");

        Assert.Equal(passes, finding.Passed);
    }

    [Theory]
    [InlineData(100, 95, true)]
    [InlineData(100, 94, false)]
    [InlineData(100, 200, true)]
    public void Count_resources_may_lose_five_percent(double live, double staged, bool passes)
    {
        var finding = Find(Diff(StagedDiffs.Make((live, staged), (1e9, 1e9))), "resources_lost");

        Assert.Equal(passes, finding.Passed);
    }

    [Fact]
    public void A_failed_resource_rule_says_by_how_much_and_the_limit()
    {
        var finding = Find(Diff(StagedDiffs.Make((1000, 1125), (1e9, 1e9))), "resources_changed");

        Assert.Equal("count_resources changed by 12.5% (1,000 → 1,125); at most 10% is allowed", finding.Detail);
    }

    [Fact]
    public void A_loss_is_named_with_its_percentage()
    {
        var finding = Find(Diff(StagedDiffs.Make((200, 180), (1e9, 1e9))), "resources_lost");

        Assert.False(finding.Passed);
        Assert.Equal("count_resources lost 10% (200 → 180); at most 5% may be lost", finding.Detail);
    }

    [Theory]
    [InlineData(1e9, 1.2e9, true)]
    [InlineData(1e9, 0.8e9, true)]
    [InlineData(1e9, 1.21e9, false)]
    [InlineData(1e9, 0.79e9, false)]
    public void File_size_may_change_by_twenty_percent_either_way(double live, double staged, bool passes)
    {
        var finding = Find(Diff(StagedDiffs.Make((100, 100), (live, staged))), "size_changed");

        Assert.Equal(passes, finding.Passed);
        Assert.Contains("at most 20% is allowed", finding.Detail);
    }

    [Fact]
    public void Every_kind_that_dropped_to_zero_is_named()
    {
        var diff = Diff(StagedDiffs.Make((100, 100), (1e9, 1e9), videos: (40, 0), documents: (60, 0)));

        var finding = Find(diff, "no_kind_dropped_to_zero");

        Assert.False(finding.Passed);
        Assert.Equal("content kinds dropped to zero: count_videos 40 → 0, count_documents 60 → 0", finding.Detail);
    }

    [Fact]
    public void A_kind_that_was_zero_and_stays_zero_is_no_drop()
    {
        var finding = Find(Diff(StagedDiffs.Clean()), "no_kind_dropped_to_zero");

        Assert.True(finding.Passed);
    }

    [Theory]
    [InlineData("0.7.1", "0.7.1", true)]
    [InlineData("0.6.40", "0.7.0b3", true)]
    [InlineData("0.7.10", "0.7.9", false)]
    [InlineData("0.7.1", "0.6.45", false)]
    [InlineData("", "0.7.1", true)]
    public void Ricecooker_may_not_go_down(string live, string staged, bool passes)
    {
        var diff = Diff(StagedDiffs.Make((100, 100), (1e9, 1e9), ricecooker: (live, staged)));

        var finding = Find(diff, "ricecooker_not_downgraded");

        Assert.Equal(passes, finding.Passed);
    }

    [Theory]
    [InlineData("ok", 0, true)]
    [InlineData("failed", 1, false)]
    [InlineData("timed_out", 124, false)]
    [InlineData("interrupted", 143, false)]
    public void The_run_must_have_exited_zero(string result, int exitCode, bool passes)
    {
        var finding = Review.Evaluate(Diff(StagedDiffs.Clean()), Run(result, exitCode), ReviewRules.Default)
            .Single(f => f.Rule == "run_exited_0");

        Assert.Equal(passes, finding.Passed);
        Assert.Contains($"exit code {exitCode}", finding.Detail);
    }

    [Fact]
    public void A_tree_without_a_known_run_fails_the_run_rule()
    {
        var finding = Review.Evaluate(Diff(StagedDiffs.Clean()), null, ReviewRules.Default)
            .Single(f => f.Rule == "run_exited_0");

        Assert.False(finding.Passed);
    }

    [Fact]
    public void A_first_deploy_onto_an_empty_live_tree_is_left_to_a_person()
    {
        var finding = Find(Diff(StagedDiffs.Make((0, 50), (0, 1e9))), "resources_changed");

        Assert.False(finding.Passed);
        Assert.Contains("first deploy", finding.Detail);
    }

    [Fact]
    public void Limits_from_the_config_replace_the_defaults()
    {
        var diff = Diff(StagedDiffs.Make((100, 130), (1e9, 1.4e9)));

        var findings = Review.Evaluate(diff, GoodRun, new ReviewRules(MaxResourceChange: 50, MaxSizeChange: 50));

        Assert.Empty(Review.Failures(findings));
    }

    [Fact]
    public void A_diff_without_the_numbers_a_rule_needs_fails_that_rule()
    {
        var diff = new NodeDiff("2026-12-03", []);

        var failures = Review.Failures(Review.Evaluate(diff, GoodRun, ReviewRules.Default)).Select(f => f.Rule);

        Assert.Equal(["resources_changed", "resources_lost", "size_changed"], failures);
    }

    private static RuleFinding Find(NodeDiff diff, string rule) =>
        Review.Evaluate(diff, GoodRun, ReviewRules.Default).Single(f => f.Rule == rule);

    // The diff as the client reads it from Studio's JSON.
    private static NodeDiff Diff(System.Text.Json.Nodes.JsonObject json)
    {
        var stats = json["stats"]!.AsArray().Select(s => new DiffStat(
            s!["field"]!.ToString(),
            JsonSerializer.SerializeToElement(s["original"]),
            JsonSerializer.SerializeToElement(s["changed"]))).ToList();
        return new NodeDiff(json["generated"]?.ToString(), stats);
    }

    private static RunRecord Run(string result, int exitCode) => RunRecord.Parse("20261203T030000Z.json",
        $"{{\"result\":\"{result}\",\"exit_code\":{exitCode},\"start\":\"2026-12-03T03:00:00Z\"}}")!;
}
