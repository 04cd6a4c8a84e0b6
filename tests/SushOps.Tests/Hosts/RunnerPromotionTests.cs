using System.Text.Json;
using SushOps.Hosts;
using SushOps.Shell;
using SushOps.Tests.Infrastructure;
using SushOps.Tests.Studio;

namespace SushOps.Tests.Hosts;

/// <summary>
/// The runner after a run: a successful run awaits promotion, and with SUSHOPS_PROMOTE a scheduled run is
/// promoted by the real sushops against the Studio stand-in.
/// </summary>
public sealed class RunnerPromotionTests : IAsyncLifetime, IDisposable
{
    private const string Email = "deploy@example.org";

    private readonly TempDirectory _dir = new("sushops-runner-promote");
    private readonly StudioStandIn _studio = new();
    private StandInChannel _channel = null!;

    private string Runner => _dir.Combine("run-chef");

    private string ChefDir => _dir.Combine("chefs", "demo");

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Runner, HostScripts.RunChef);
        await ChefRepository.CreateAsync(Path.Combine(ChefDir, "repo"));
        Directory.CreateDirectory(Path.Combine(ChefDir, "venv", "bin"));
        await File.WriteAllTextAsync(Path.Combine(ChefDir, "venv", "bin", "activate"), "VIRTUAL_ENV=x\n");

        _studio.Accounts.Add(new StandInAccount(Email, "pw"));
        _channel = _studio.AddChannel();
        _channel.Editors.Add(Email);
        _channel.Stage(StagedDiffs.Clean());
    }

    public async ValueTask DisposeAsync() => await _studio.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_successful_run_is_recorded_as_awaiting_promotion()
    {
        await RunAsync("cron", "echo uploaded");

        Assert.Equal("awaiting", State(await RecordAsync()));
        Assert.NotNull(_channel.StagingRootId);
    }

    [Fact]
    public async Task A_failed_run_awaits_nothing()
    {
        await RunAsync("cron", "exit 3", promote: true);

        Assert.False((await RecordAsync()).TryGetProperty("promotion", out _));
        Assert.Empty(_studio.Requests);
    }

    [Fact]
    public async Task A_scheduled_run_with_a_sushops_to_promote_with_ends_promoted()
    {
        var result = await RunAsync("cron", "echo uploaded", promote: true);

        Assert.Equal(0, result.ExitCode);
        var record = await RecordAsync();
        Assert.Equal("promoted", State(record));
        Assert.Null(_channel.StagingRootId);
        Assert.Equal(1, _channel.Version);
        var log = await File.ReadAllTextAsync(Path.Combine(ChefDir, "runs", record.GetProperty("log").GetString()!));
        Assert.Contains("demo: deployed and published as version 1", log);
    }

    [Fact]
    public async Task A_manual_run_is_left_for_an_operator_to_promote()
    {
        await RunAsync("manual", "echo uploaded", promote: true);

        Assert.Equal("awaiting", State(await RecordAsync()));
        Assert.Empty(_studio.Requests);
    }

    private async Task<ProcessResult> RunAsync(string trigger, string command, bool promote = false)
    {
        var environment = new Dictionary<string, string>();
        if (promote)
        {
            environment["SUSHOPS_PROMOTE"] = await WriteSushopsAsync();
        }

        return await ProcessRunner.RunAsync("/bin/sh", [Runner, ChefDir, "", trigger, command],
            environment: environment);
    }

    // sushops as it would be installed on the host: its own config and inventory, the token and account files.
    // The inventory is the operator's, so it names a role that the host's config does not define.
    private async Task<string> WriteSushopsAsync()
    {
        var home = _dir.Combine("operator");
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, "token"), _studio.Token);
        var credentials = Path.Combine(home, "deploy.yaml");
        await File.WriteAllTextAsync(credentials, $"email: {Email}\npassword: pw\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(Path.Combine(home, "inventory.csv"),
            "chef_name,repo_url,command,role,channel_id\n"
            + $"demo,https://example.org/demo.git,python chef.py,cloud-kitchen,{_channel.Id}\n");
        await File.WriteAllTextAsync(Path.Combine(home, "sushops.yaml"), $"""
            inventory: inventory.csv
            studio:
              url: {_studio.Url}
              token_file: token
              credentials_file: deploy.yaml
            """);
        var sushops = Path.Combine(home, "sushops");
        await File.WriteAllTextAsync(sushops,
            $"#!/bin/sh\ncd '{home}' && XDG_STATE_HOME='{home}/state' "
            + $"exec {ShellQuote.Join(SushOpsProcess.Command)} \"$@\"\n");
        File.SetUnixFileMode(sushops, (UnixFileMode)0b111_101_101);
        return sushops;
    }

    private async Task<JsonElement> RecordAsync()
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(ChefDir, "runs"), "*.json"));
        return JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
    }

    private static string? State(JsonElement record) =>
        record.GetProperty("promotion").GetProperty("state").GetString();
}
