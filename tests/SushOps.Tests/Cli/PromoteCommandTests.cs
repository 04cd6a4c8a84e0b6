using System.Text.Json;
using SushOps.Tests.Infrastructure;
using SushOps.Tests.Studio;

namespace SushOps.Tests.Cli;

/// <summary><c>sushops promote</c> through the real executable, against the loopback Studio stand-in.</summary>
public sealed class PromoteCommandTests : IAsyncLifetime, IDisposable
{
    private const string Email = "deploy@example.org";
    private const string Password = "pw-7d1c0e-not-to-be-shown";
    private const string Stamp = "20261203T030000Z";

    private readonly TempDirectory _dir = new("sushops-promote-cli");
    private readonly StudioStandIn _studio = new();
    private StandInChannel _clean = null!;
    private StandInChannel _grown = null!;
    private StandInChannel _quiet = null!;

    private string ChefsDir => _dir.Combine("chefs");

    public async ValueTask InitializeAsync()
    {
        _studio.Accounts.Add(new StandInAccount(Email, Password));
        _clean = Staged(StagedDiffs.Clean());
        _grown = Staged(StagedDiffs.Make((100, 150), (1e9, 1.1e9)));
        _quiet = _studio.AddChannel();
        _quiet.Editors.Add(Email);

        await File.WriteAllTextAsync(_dir.Combine("token"), _studio.Token + "\n");
        await WriteCredentialsAsync(0b110_000_000);
        await WriteConfigAsync(withCredentials: true);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,channel_id
            clean_chef,https://example.org/a.git,python chef.py,{_clean.Id}
            grown_chef,https://example.org/b.git,python chef.py,{_grown.Id}
            quiet_chef,https://example.org/c.git,python chef.py,{_quiet.Id}
            no_channel,https://example.org/d.git,python chef.py,
            """);
        foreach (var chef in new[] { "clean_chef", "grown_chef", "quiet_chef" })
        {
            await WriteRunAsync(chef, "20261202T030000Z", "failed", 1);
            await WriteRunAsync(chef, Stamp, "ok", 0);
            await WriteRunAsync(chef, "20261203T040000Z", "skipped", null);
        }
    }

    public async ValueTask DisposeAsync() => await _studio.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Promote_all_deploys_and_publishes_exactly_the_channels_that_pass_and_explains_the_rest()
    {
        var cleanStaging = _clean.StagingRootId;

        var result = await SushOps("promote", "--all");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(cleanStaging, _clean.RootId);
        Assert.Equal(1, _clean.Version);
        Assert.NotNull(_grown.StagingRootId);
        Assert.Equal(0, _grown.Version);
        var output = result.StandardOutput;
        Assert.Contains("clean_chef: deployed and published as version 1", output);
        Assert.Contains("grown_chef: held for review: 1 of 6 rules failed (resources_changed)", output);
        Assert.Contains(
            "FAIL  resources_changed: count_resources changed by 50% (100 → 150); at most 10% is allowed", output);
        Assert.Contains("quiet_chef: nothing to promote", output);
        Assert.Contains("no_channel: skipped: no Channel ID in the inventory", output);
        Assert.Contains("count_resources", output);
        Assert.Contains("+50 (+50%)", output);
        Assert.DoesNotContain(Password, output + result.StandardError);
        Assert.DoesNotContain(_studio.Token, output + result.StandardError);

        Assert.Equal("promoted", await StateAsync("clean_chef"));
        Assert.Equal("held", await StateAsync("grown_chef"));
        Assert.Equal("nothing_staged", await StateAsync("quiet_chef"));
        Assert.Contains(_clean.Id, Assert.Single(_clean.VersionNotes) + _clean.Id);
        Assert.Contains("clean_chef", _clean.VersionNotes[0]);
    }

    [Fact]
    public async Task Force_promotes_a_held_channel_and_the_record_says_who()
    {
        var result = await SushOps("promote", "grown_chef", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("grown_chef: deployed (forced by", result.StandardOutput);
        Assert.Null(_grown.StagingRootId);
        var promotion = (await RecordAsync("grown_chef")).GetProperty("promotion");
        var forcer = $"{Environment.UserName}@{Environment.MachineName}";
        Assert.Equal(forcer, promotion.GetProperty("forced_by").GetString());
        Assert.Equal(["resources_changed"],
            promotion.GetProperty("failed_rules").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task No_publish_deploys_and_leaves_the_version_alone()
    {
        var result = await SushOps("promote", "clean_chef", "--no-publish");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(_clean.StagingRootId);
        Assert.Equal(0, _clean.Version);
        Assert.Equal("deployed", await StateAsync("clean_chef"));
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_in_studio_or_the_records()
    {
        var result = await SushOps("promote", "--all", "--dry-run");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("clean_chef: dry run: would deploy", result.StandardOutput);
        Assert.NotNull(_clean.StagingRootId);
        Assert.Equal("awaiting", await StateAsync("clean_chef"));
    }

    [Fact]
    public async Task Without_a_deploy_account_promote_stops_at_ready_to_deploy()
    {
        await WriteConfigAsync(withCredentials: false);

        var result = await SushOps("promote", "clean_chef");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("clean_chef: ready to deploy, but no deploy account is configured", result.StandardOutput);
        Assert.Contains("studio.credentials_file", result.StandardOutput);
        Assert.NotNull(_clean.StagingRootId);
    }

    [Fact]
    public async Task A_credentials_file_others_can_read_is_refused_before_anything_happens()
    {
        await WriteCredentialsAsync(0b110_100_100);

        var result = await SushOps("promote", "--all");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chmod 600", result.StandardError);
        Assert.DoesNotContain(Password, result.StandardError);
        Assert.Empty(_studio.Requests);
    }

    [Fact]
    public async Task The_run_record_named_by_the_runner_is_the_one_judged_and_updated()
    {
        var record = Path.Combine(ChefsDir, "clean_chef", "runs", "20261202T030000Z.json");

        var result = await SushOps("promote", "clean_chef", "--run-record", record);

        // That run failed, so its staged tree is held, whatever newer records say.
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("FAIL  run_exited_0", result.StandardOutput);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(record));
        Assert.Equal("held", json.RootElement.GetProperty("promotion").GetProperty("state").GetString());
        Assert.Equal("awaiting", await StateAsync("clean_chef"));
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_not_a_chef()
    {
        var result = await SushOps("promote", "--publish-anyway", "clean_chef");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--publish-anyway", result.StandardError);
        Assert.Empty(_studio.Requests);
    }

    private StandInChannel Staged(System.Text.Json.Nodes.JsonObject diff)
    {
        var channel = _studio.AddChannel();
        channel.Editors.Add(Email);
        channel.Stage(diff);
        return channel;
    }

    private async Task WriteConfigAsync(bool withCredentials)
    {
        var credentials = withCredentials ? "\n  credentials_file: deploy.yaml" : "";
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            inventory: inventory.csv
            roles:
              local:
                chefs_dir: {ChefsDir}
            studio:
              url: {_studio.Url}
              token_file: token{credentials}
            """);
    }

    private async Task WriteCredentialsAsync(int mode)
    {
        var path = _dir.Combine("deploy.yaml");
        await File.WriteAllTextAsync(path, $"email: {Email}\npassword: {Password}\n");
        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }

    private async Task WriteRunAsync(string chef, string stamp, string result, int? exitCode)
    {
        var runs = Path.Combine(ChefsDir, chef, "runs");
        Directory.CreateDirectory(runs);
        var promotion = result == "ok" ? ",\"promotion\":{\"state\":\"awaiting\"}" : "";
        await File.WriteAllTextAsync(Path.Combine(runs, stamp + ".json"),
            $"{{\"chef\":\"{chef}\",\"host\":\"h\",\"trigger\":\"cron\",\"result\":\"{result}\","
            + $"\"exit_code\":{exitCode?.ToString() ?? "null"},\"start\":\"{stamp}\",\"end\":\"{stamp}\","
            + $"\"commit\":\"abcdef1234567890\",\"log\":\"{stamp}.log\"{promotion}}}\n");
    }

    private async Task<JsonElement> RecordAsync(string chef)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ChefsDir, chef, "runs", Stamp + ".json"));
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string?> StateAsync(string chef) =>
        (await RecordAsync(chef)).GetProperty("promotion").GetProperty("state").GetString();

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_dir.Path, arguments);
}
