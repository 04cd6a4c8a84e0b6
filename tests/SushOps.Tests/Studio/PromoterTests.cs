using System.Text.Json;
using SushOps.Inventories;
using SushOps.Studio;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Studio;

/// <summary>The real Studio client and promoter against the loopback Studio stand-in.</summary>
public sealed class PromoterTests : IAsyncDisposable, IDisposable
{
    private const string Email = "deploy@example.org";
    private const string Password = "correct horse";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private static readonly PromotionTimings Fast = new(
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10),
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));

    private readonly StudioStandIn _studio = new();
    private readonly TempDirectory _dir = new("sushops-promote");
    private readonly StandInChannel _channel;

    public PromoterTests()
    {
        _studio.Accounts.Add(new StandInAccount(Email, Password));
        _channel = _studio.AddChannel();
        _channel.Editors.Add(Email);
        _channel.Version = 3;
    }

    private string RecordPath => _dir.Combine("20261203T030000Z.json");

    private Chef Chef => new("demo_chef", "https://example.org/demo.git", "python chef.py", ChannelId: _channel.Id);

    public async ValueTask DisposeAsync() => await _studio.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_clean_diff_is_deployed_and_published_with_version_notes()
    {
        _channel.Stage(StagedDiffs.Clean());
        var staged = _channel.StagingRootId;

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Promoted, promotion.Result);
        Assert.Equal(staged, _channel.RootId);
        Assert.Null(_channel.StagingRootId);
        Assert.Equal(4, _channel.Version);
        Assert.Equal(4, promotion.Version);
        var notes = Assert.Single(_channel.VersionNotes);
        Assert.Contains("demo_chef", notes);
        Assert.Contains(Commit[..12], notes);
        Assert.Contains("2026-12-03T03:00:00Z", notes);
        Assert.Equal("promoted", await RecordedStateAsync());
    }

    [Theory]
    [InlineData("resources_changed", 100, 112, 1e9, 1e9, "count_resources changed by 12% (100 → 112)")]
    [InlineData("resources_lost", 100, 94, 1e9, 1e9, "count_resources lost 6% (100 → 94)")]
    [InlineData("size_changed", 100, 100, 1e9, 1.25e9, "file_size_in_bytes changed by 25%")]
    public async Task A_diff_over_a_limit_is_held_with_its_numbers_and_not_deployed(
        string rule, double liveResources, double stagedResources, double liveSize, double stagedSize, string detail)
    {
        _channel.Stage(StagedDiffs.Make((liveResources, stagedResources), (liveSize, stagedSize)));

        var promotion = await PromoteAsync();

        AssertHeldFor(promotion, rule);
        Assert.Contains(promotion.Findings, f => f.Rule == rule && f.Detail.Contains(detail));
    }

    [Fact]
    public async Task A_content_kind_dropped_to_zero_is_held()
    {
        _channel.Stage(StagedDiffs.Make((100, 100), (1e9, 1e9), videos: (40, 0)));

        var promotion = await PromoteAsync();

        AssertHeldFor(promotion, "no_kind_dropped_to_zero");
        Assert.Contains(promotion.Findings, f => f.Detail.Contains("count_videos 40 → 0"));
    }

    [Fact]
    public async Task A_ricecooker_downgrade_is_held()
    {
        _channel.Stage(StagedDiffs.Make((100, 100), (1e9, 1e9), ricecooker: ("0.7.1", "0.6.45")));

        var promotion = await PromoteAsync();

        AssertHeldFor(promotion, "ricecooker_not_downgraded");
    }

    [Fact]
    public async Task A_tree_staged_by_a_failed_run_is_held()
    {
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync(result: "failed", exitCode: 1);

        AssertHeldFor(promotion, "run_exited_0");
        Assert.Contains(promotion.Findings, f => f.Detail.Contains("exit code 1"));
        Assert.Equal("held", await RecordedStateAsync());
    }

    [Fact]
    public async Task A_diff_still_being_generated_is_waited_for_then_decided()
    {
        _channel.Stage(StagedDiffs.Clean());
        _channel.GeneratingPolls = 3;

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Promoted, promotion.Result);
        Assert.Equal(3, _studio.Requests.Count(r => r.StartsWith("GET /api/get_node_diff/") && r.EndsWith(" 302")));
    }

    [Fact]
    public async Task A_missing_diff_is_requested_from_studio_and_waited_for()
    {
        _channel.Stage(diff: null);

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Promoted, promotion.Result);
        Assert.Contains(_studio.Requests, r => r.StartsWith("POST /api/generate_node_diff/"));
        Assert.Contains(_studio.Requests, r => r.StartsWith("GET /api/get_node_diff/") && r.EndsWith(" 302"));
    }

    [Fact]
    public async Task A_channel_with_nothing_staged_has_nothing_to_promote()
    {
        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.NothingToPromote, promotion.Result);
        Assert.StartsWith("nothing to promote", promotion.Message);
        Assert.Equal("nothing_staged", await RecordedStateAsync());
    }

    [Fact]
    public async Task A_bad_password_fails_the_promotion_and_leaves_the_tree_staged()
    {
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync(password: "wrong");

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains("refused the email and password of deploy@example.org (403)", promotion.Message);
        Assert.DoesNotContain("wrong", promotion.Message);
        Assert.NotNull(_channel.StagingRootId);
        Assert.Equal("failed", await RecordedStateAsync());
    }

    [Fact]
    public async Task An_account_not_activated_is_named_as_such()
    {
        _studio.Accounts[0] = _studio.Accounts[0] with { Active = false };
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains("not activated (405)", promotion.Message);
    }

    [Fact]
    public async Task A_refused_token_fails_the_promotion_with_a_fix()
    {
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync(token: "not-the-token");

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains("refused the API token from studio.token_file", promotion.Message);
        Assert.Contains("401", promotion.Message);
        Assert.DoesNotContain("not-the-token", promotion.Message);
    }

    [Fact]
    public async Task An_account_out_of_storage_fails_the_deploy_with_studios_reason()
    {
        _studio.Accounts[0] = _studio.Accounts[0] with { OutOfStorage = true };
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains(StudioStandIn.OutOfStorageMessage, promotion.Message);
        Assert.NotNull(_channel.StagingRootId);
        Assert.Empty(_channel.VersionNotes);
    }

    [Fact]
    public async Task A_deploy_account_that_is_not_an_editor_is_disallowed()
    {
        _channel.Editors.Clear();
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains("not an editor", promotion.Message);
        Assert.NotNull(_channel.StagingRootId);
    }

    [Fact]
    public async Task A_channel_the_token_cannot_edit_is_reported_not_found()
    {
        _channel.EditableByToken = false;
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Failed, promotion.Result);
        Assert.Contains("cannot edit", promotion.Message);
        Assert.Contains(_studio.Requests, r => r.EndsWith("get_channel_status_bulk 404"));
    }

    [Fact]
    public async Task The_publish_is_confirmed_only_when_the_version_went_up()
    {
        _studio.PublishDelay = TimeSpan.FromSeconds(1.5);
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync();

        Assert.Equal(PromotionResult.Promoted, promotion.Result);
        Assert.Equal(4, promotion.Version);
        Assert.False(_channel.Publishing);

        // The promoter asked while Studio was still publishing, and went on asking until the new version.
        var readsAfterPublish = _studio.Requests
            .SkipWhile(r => !r.StartsWith("POST /api/internal/publish_channel"))
            .Count(r => r.StartsWith("GET /api/channel/"));
        Assert.True(readsAfterPublish > 1, string.Join("\n", _studio.Requests));
    }

    [Fact]
    public async Task Without_a_deploy_account_a_passing_tree_stops_at_ready_to_deploy()
    {
        _channel.Stage(StagedDiffs.Clean());

        var promotion = await PromoteAsync(withAccount: false);

        Assert.Equal(PromotionResult.ReadyToDeploy, promotion.Result);
        Assert.Contains("studio.credentials_file", promotion.Message);
        Assert.NotNull(_channel.StagingRootId);
        Assert.Equal("ready_to_deploy", await RecordedStateAsync());
    }

    [Fact]
    public async Task Force_promotes_despite_failed_rules_and_records_who_forced_it()
    {
        _channel.Stage(StagedDiffs.Make((100, 50), (1e9, 1e9)));

        var promotion = await PromoteAsync(force: true);

        Assert.Equal(PromotionResult.Promoted, promotion.Result);
        Assert.Equal("ops@laptop", promotion.ForcedBy);
        Assert.Contains("ops@laptop", Assert.Single(_channel.VersionNotes));
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(RecordPath));
        Assert.Equal("ops@laptop", record.RootElement.GetProperty("promotion").GetProperty("forced_by").GetString());
    }

    [Fact]
    public async Task A_dry_run_decides_but_changes_nothing()
    {
        _channel.Stage(StagedDiffs.Clean());
        var before = await File.ReadAllTextAsync(await WriteRecordAsync("ok", 0));

        var promotion = await PromoteAsync(dryRun: true, writeRecord: false);

        Assert.Equal(PromotionResult.WouldDeploy, promotion.Result);
        Assert.NotNull(_channel.StagingRootId);
        Assert.Equal(before, await File.ReadAllTextAsync(RecordPath));
        Assert.DoesNotContain(_studio.Requests, r => r.Contains("/api/sync/") || r.Contains("publish"));
    }

    [Fact]
    public async Task The_run_record_keeps_its_fields_and_gains_the_diff_and_every_rule()
    {
        _channel.Stage(StagedDiffs.Clean());

        await PromoteAsync();

        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(RecordPath));
        var root = record.RootElement;
        Assert.Equal(Commit, root.GetProperty("commit").GetString());
        var promotion = root.GetProperty("promotion");
        Assert.Equal(6, promotion.GetProperty("rules").GetArrayLength());
        Assert.Empty(promotion.GetProperty("failed_rules").EnumerateArray());
        Assert.Contains(promotion.GetProperty("diff").EnumerateArray(),
            s => s.GetProperty("field").GetString() == "count_resources"
                && s.GetProperty("changed").GetDouble() == 102);
    }

    private void AssertHeldFor(Promotion promotion, string rule)
    {
        Assert.Equal(PromotionResult.Held, promotion.Result);
        Assert.Equal([rule], Review.Failures(promotion.Findings).Select(f => f.Rule));
        Assert.Contains(rule, promotion.Message);
        Assert.NotNull(_channel.StagingRootId);
        Assert.DoesNotContain(_studio.Requests, r => r.Contains("/api/sync/"));
    }

    private async Task<Promotion> PromoteAsync(
        string result = "ok",
        int exitCode = 0,
        string password = Password,
        string? token = null,
        bool withAccount = true,
        bool force = false,
        bool dryRun = false,
        bool writeRecord = true)
    {
        if (writeRecord)
        {
            await WriteRecordAsync(result, exitCode);
        }

        var account = withAccount ? new DeployAccount(Email, new Secret(password)) : null;
        using var client = new StudioClient(_studio.Url, new Secret(token ?? _studio.Token));
        var options = new PromotionOptions(dryRun, force, NoPublish: false, "ops@laptop") { Timings = Fast };
        var promoter = new Promoter(client, new RunRecordFile(RecordPath), account, options);
        return await promoter.PromoteAsync(Chef, ReviewRules.Default, CancellationToken.None);
    }

    private async Task<string> WriteRecordAsync(string result, int exitCode)
    {
        var promotion = result == "ok" ? ",\"promotion\":{\"state\":\"awaiting\"}" : "";
        await File.WriteAllTextAsync(RecordPath,
            $"{{\"chef\":\"demo_chef\",\"host\":\"ck1\",\"trigger\":\"cron\",\"result\":\"{result}\","
            + $"\"exit_code\":{exitCode},\"start\":\"2026-12-03T03:00:00Z\",\"end\":\"2026-12-03T03:40:00Z\","
            + $"\"commit\":\"{Commit}\",\"log\":\"20261203T030000Z.log\"{promotion}}}\n");
        return RecordPath;
    }

    private async Task<string?> RecordedStateAsync()
    {
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(RecordPath));
        return record.RootElement.TryGetProperty("promotion", out var promotion)
            ? promotion.GetProperty("state").GetString()
            : null;
    }
}
