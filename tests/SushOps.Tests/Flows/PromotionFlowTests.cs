using System.Text.Json;
using System.Text.RegularExpressions;
using SushOps.Shell;
using SushOps.Tests.Infrastructure;
using SushOps.Tests.Studio;

namespace SushOps.Tests.Flows;

/// <summary>
/// Scheduled runs on the SSH test host, started by the cron entries sushops installed, then promoted: by the
/// sushops on the host when its role has sushops_path, else by <c>sushops promote --all</c> from the
/// operator's side over SSH. (That cron fires such entries is shown by the schedule flow tests; running the
/// entry's command directly keeps this test clear of other test runs that share the test user's crontab.)
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class PromotionFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Email = "deploy@example.org";
    private const string KeepLine = "# kept by the promotion flow test";

    private readonly TempDirectory _local = new("sushops-promote-flow");
    private readonly StudioStandIn _studio = new();
    private StandInChannel _waiting = null!;
    private StandInChannel _onHost = null!;
    private string _hostDir = "";

    private SshServer Server => fixture.Server;

    public async ValueTask InitializeAsync()
    {
        _hostDir = await Server.MakeUserDirectoryAsync("promote");
        await ChefRepository.CreateAsync(Path.Combine(_hostDir, "upstream"));
        _studio.Accounts.Add(new StandInAccount(Email, "pw-flow"));
        _waiting = Staged();
        _onHost = Staged();
        var inventory = "chef_name,repo_url,command,schedule,role,channel_id\n"
            + $"waiting_chef,{_hostDir}/upstream,python chef.py,* * * * *,ck,{_waiting.Id}\n"
            + $"host_promoted,{_hostDir}/upstream,python chef.py,* * * * *,ck-promote,{_onHost.Id}\n";

        // The operator's side: sushops with the deploy account, reaching the host over SSH.
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), inventory);
        await WriteStudioFilesAsync(_local.Path);
        File.Copy(Server.KnownHostsPath, _local.Combine("known_hosts"));
        var host = $"\"{Server.User}@{Server.Host}:{Server.Port}\"";
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            inventory: inventory.csv
            roles:
              ck:
                hosts: [{host}]
                chefs_dir: {_hostDir}/chefs
              ck-promote:
                hosts: [{host}]
                chefs_dir: {_hostDir}/chefs
                sushops_path: {_hostDir}/operator/sushops
            ssh:
              identity_file: {Server.ClientKeyPath}
              known_hosts: known_hosts
            {StudioSection()}
            """);

        // The host's own sushops, which the runner calls after a scheduled run of a ck-promote chef.
        var onHost = Path.Combine(_hostDir, "operator");
        Directory.CreateDirectory(onHost);
        await File.WriteAllTextAsync(Path.Combine(onHost, "inventory.csv"), inventory);
        await WriteStudioFilesAsync(onHost);
        await File.WriteAllTextAsync(Path.Combine(onHost, "sushops.yaml"),
            $"inventory: inventory.csv\n{StudioSection()}\n");
        await File.WriteAllTextAsync(Path.Combine(onHost, "sushops"),
            $"#!/bin/sh\ncd '{onHost}' && XDG_STATE_HOME='{onHost}/state' "
            + $"exec {ShellQuote.Join(SushOpsProcess.Command)} \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(onHost, "sushops"), (UnixFileMode)0b111_101_101);
        await Server.GiveToUserAsync(_hostDir);
    }

    public async ValueTask DisposeAsync()
    {
        await SushOps("unschedule", "waiting_chef");
        await SushOps("unschedule", "host_promoted");
        await Server.RunAsUserAsync($"crontab -l | grep -vx '{KeepLine}' | crontab -");
        await _studio.DisposeAsync();
    }

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task A_scheduled_run_ends_promoted_on_the_host_or_awaiting_promotion_until_promote_all()
    {
        await SushOpsChecked("setup", "--all");

        // A line of its own keeps the crontab from becoming empty when the last entry goes: the install of an empty
        // crontab over SSH sometimes never sees the end of its (empty) input and fails after 60 s.
        await Server.RunAsUserAsync($"{{ crontab -l 2>/dev/null; echo '{KeepLine}'; }} | crontab -");

        // One chef per call: the host is in two roles, and one call would edit its crontab through two plans at
        // once (with --all, each removing the other's entries).
        await SushOpsChecked("schedule", "waiting_chef");
        await SushOpsChecked("schedule", "host_promoted");
        var entries = await CronCommandsAsync("waiting_chef", "host_promoted");
        await SushOpsChecked("unschedule", "waiting_chef");
        await SushOpsChecked("unschedule", "host_promoted");

        // Each entry's command runs as cron runs it: as the login user, from its home, with sh.
        foreach (var command in entries)
        {
            await Server.RunAsUserAsync(command);
        }

        var promoted = await LatestRecordAsync("host_promoted");
        Assert.Equal("cron", promoted.GetProperty("trigger").GetString());
        Assert.Equal("promoted", State(promoted));
        Assert.Null(_onHost.StagingRootId);
        Assert.Equal(1, _onHost.Version);
        var waiting = await LatestRecordAsync("waiting_chef");
        Assert.Equal("cron", waiting.GetProperty("trigger").GetString());
        Assert.Equal("awaiting", State(waiting));
        Assert.NotNull(_waiting.StagingRootId);
        Assert.Equal("awaiting", await StatusPromotionAsync("waiting_chef"));

        var result = await SushOps("promote", "--all");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("waiting_chef: deployed and published as version 1", result.StandardOutput);
        Assert.Contains("host_promoted: nothing to promote", result.StandardOutput);
        Assert.Null(_waiting.StagingRootId);
        Assert.Contains("waiting_chef", Assert.Single(_waiting.VersionNotes));
        Assert.Equal("promoted", State(await LatestRecordAsync("waiting_chef")));
        Assert.Equal("promoted", State(await LatestRecordAsync("host_promoted")));
        Assert.Equal("promoted", await StatusPromotionAsync("waiting_chef"));
    }

    [Fact]
    public async Task Promote_reads_the_run_record_on_the_chefs_host_over_ssh_and_writes_the_decision_back()
    {
        var runs = Path.Combine(_hostDir, "chefs", "waiting_chef", "runs");
        Directory.CreateDirectory(runs);
        var record = Path.Combine(runs, "20261203T030000Z.json");
        await File.WriteAllTextAsync(record, "{\"chef\":\"waiting_chef\",\"trigger\":\"cron\",\"result\":\"ok\","
            + "\"exit_code\":0,\"start\":\"2026-12-03T03:00:00Z\",\"commit\":\"feedc0ffee\","
            + "\"promotion\":{\"state\":\"awaiting\"}}\n");
        await Server.GiveToUserAsync(_hostDir);

        var result = await SushOps("promote", "waiting_chef");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("pass  run_exited_0: the last run (2026-12-03T03:00:00Z", result.StandardOutput);
        Assert.Contains("feedc0ffee", Assert.Single(_waiting.VersionNotes));
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(record));
        Assert.Equal("promoted", State(written.RootElement));
        Assert.Equal("feedc0ffee", written.RootElement.GetProperty("commit").GetString());
        var owner = await Server.RunAsUserAsync($"stat -c %U '{record}'");
        Assert.Equal(Server.User, owner.StandardOutput.Trim());
    }

    private StandInChannel Staged()
    {
        var channel = _studio.AddChannel();
        channel.Editors.Add(Email);
        channel.Stage(StagedDiffs.Clean());
        return channel;
    }

    private string StudioSection() => $"""
        studio:
          url: {_studio.Url}
          token_file: token
          credentials_file: deploy.yaml
        """;

    private async Task WriteStudioFilesAsync(string directory)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "token"), _studio.Token);
        File.SetUnixFileMode(Path.Combine(directory, "token"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var credentials = Path.Combine(directory, "deploy.yaml");
        await File.WriteAllTextAsync(credentials, $"email: {Email}\npassword: pw-flow\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    // The promotion state that status --json gives for the chef's last run.
    private async Task<string?> StatusPromotionAsync(string chef)
    {
        var result = await SushOps("status", chef, "--json");
        using var document = JsonDocument.Parse(result.StandardOutput);
        var row = Assert.Single(document.RootElement.GetProperty("chefs").EnumerateArray());
        return State(row.GetProperty("last_run"));
    }

    private static string? State(JsonElement record) =>
        record.TryGetProperty("promotion", out var promotion) ? promotion.GetProperty("state").GetString() : null;

    // The command part of each chef's crontab entry (the line after its marker, without the five time fields).
    private async Task<List<string>> CronCommandsAsync(params string[] chefs)
    {
        var crontab = (await Server.RunAsUserAsync("crontab -l")).StandardOutput.Split('\n');
        var commands = new List<string>();
        foreach (var chef in chefs)
        {
            var marker = Array.IndexOf(crontab, "# sushops:" + chef);
            Assert.True(marker >= 0 && marker + 1 < crontab.Length,
                $"no entry for {chef}:\n{string.Join('\n', crontab)}");
            commands.Add(Regex.Match(crontab[marker + 1], @"^(\S+\s+){5}(?<command>.*)$").Groups["command"].Value
                .Replace("\\%", "%", StringComparison.Ordinal));
        }

        return commands;
    }

    private async Task<JsonElement> LatestRecordAsync(string chef)
    {
        var runs = Path.Combine(_hostDir, "chefs", chef, "runs");
        var latest = Directory.GetFiles(runs, "*.json").Order(StringComparer.Ordinal).Last();
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(latest));
        return record.RootElement.Clone();
    }

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_local.Path, arguments);

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
