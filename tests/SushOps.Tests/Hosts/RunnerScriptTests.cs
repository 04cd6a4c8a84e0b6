using System.Text.Json;
using SushOps.Hosts;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

/// <summary>The run-chef runner run directly with sh, in a chef directory made on disk.</summary>
public sealed class RunnerScriptTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new("sushops-runner");

    private string Runner => _dir.Combine("run-chef");

    private string ChefDir => _dir.Combine("chefs", "demo");

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Runner, HostScripts.RunChef);
        await ChefRepository.CreateAsync(Path.Combine(ChefDir, "repo"));
        Directory.CreateDirectory(Path.Combine(ChefDir, "venv", "bin"));
        await File.WriteAllTextAsync(Path.Combine(ChefDir, "venv", "bin", "activate"), "VIRTUAL_ENV=x\n");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("auto", "0.6.32", true)]
    [InlineData("auto", "0.7.1", false)]
    [InlineData("auto", null, false)]
    [InlineData("always", "0.7.1", true)]
    [InlineData("never", "0.6.32", false)]
    public async Task The_stage_flag_is_added_only_where_ricecooker_needs_it(
        string stage, string? ricecooker, bool expectStage)
    {
        await FakePythonAsync(ricecooker);

        var result = await RunAsync("echo chef args:", ("SUSHOPS_STAGE", stage));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expectStage ? "chef args: --stage" : "chef args:\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_run_over_its_time_limit_is_stopped_and_recorded_as_timed_out()
    {
        var result = await RunAsync("sleep 30", ("SUSHOPS_MAX_RUN_SECONDS", "1"));

        Assert.Equal(124, result.ExitCode);
        Assert.Equal("timed_out", (await RecordAsync()).GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_studio_token_is_masked_in_the_output_and_the_log()
    {
        Directory.CreateDirectory(_dir.Combine("chefs", ".sushops"));
        await File.WriteAllTextAsync(_dir.Combine("chefs", ".sushops", "studio-token"), "tok-123");

        // The chef runs in chefs/demo/repo; the token file is chefs/.sushops/studio-token.
        var result = await RunAsync("echo \"token is $(cat ../../.sushops/studio-token)\"");

        Assert.Contains("token is ***", result.StandardOutput);
        var log = Assert.Single(Directory.GetFiles(Path.Combine(ChefDir, "runs"), "*.log"));
        Assert.Equal("token is ***\n", await File.ReadAllTextAsync(log));
    }

    [Fact]
    public async Task With_a_token_to_mask_lines_still_arrive_as_the_chef_prints_them()
    {
        Directory.CreateDirectory(_dir.Combine("chefs", ".sushops"));
        await File.WriteAllTextAsync(_dir.Combine("chefs", ".sushops", "studio-token"), "tok-123");
        var first = new TaskCompletionSource();
        using var runner = ProcessRunner.Start(
            "/bin/sh", [Runner, ChefDir, "", "manual", "echo first; sleep 20"], line =>
            {
                if (line == "first")
                {
                    first.TrySetResult();
                }
            });

        // The chef's line must come through while the chef still sleeps, not when it ends.
        await first.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.False(runner.HasExited);
        await ProcessRunner.RunCheckedAsync("kill", ["-TERM", runner.Id.ToString()]);
        await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_reader_that_goes_away_leaves_the_chef_running_to_its_end_with_a_whole_log_and_record()
    {
        // head reads the runner's first line and goes away, as a dropped SSH connection does. SIGPIPE is set
        // back to its default, as sshd leaves it (this test process ignores it).
        const string chef = "echo one; sleep 1; for i in 2 3 4 5; do echo line $i; done";
        var script = $"env --default-signal=PIPE sh '{Runner}' '{ChefDir}' '' manual '{chef}' | head -n 1";

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script]);

        Assert.StartsWith("::sushops:: log ", result.StandardOutput);
        var record = await RecordAsync();
        Assert.Equal(("ok", 0), (record.GetProperty("result").GetString(), record.GetProperty("exit_code").GetInt32()));
        var log = Path.Combine(ChefDir, "runs", record.GetProperty("log").GetString()!);
        Assert.Equal("one\nline 2\nline 3\nline 4\nline 5\n", await File.ReadAllTextAsync(log));
    }

    [Fact]
    public async Task A_stopped_run_stops_everything_the_chef_started_and_is_recorded_as_interrupted()
    {
        // A chef whose command starts a child of its own, which must not outlive the run.
        using var runner = ProcessRunner.Start("/bin/sh", [Runner, ChefDir, "", "manual", "sleep 41.5 & sleep 42.5"]);
        var runs = Path.Combine(ChefDir, "runs");
        for (var i = 0; i < 50 && !(Directory.Exists(runs) && Directory.GetFiles(runs, "*.pid").Length > 0); i++)
        {
            await Task.Delay(100);
        }

        await ProcessRunner.RunCheckedAsync("kill", ["-TERM", runner.Id.ToString()]);
        await runner.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.Equal("interrupted", (await RecordAsync()).GetProperty("result").GetString());
        var left = await ProcessRunner.RunAsync("pgrep", ["-f", "sleep 4[12].5"]);
        Assert.True(left.ExitCode != 0, "chef processes were left running: " + left.StandardOutput);
    }

    [Fact]
    public async Task The_record_says_who_started_it_and_how_it_ended()
    {
        var result = await RunAsync("exit 7");

        Assert.Equal(7, result.ExitCode);
        var record = await RecordAsync();
        Assert.Equal(("demo", "manual", "failed", 7),
            (record.GetProperty("chef").GetString(), record.GetProperty("trigger").GetString(),
                record.GetProperty("result").GetString(), record.GetProperty("exit_code").GetInt32()));
    }

    // A python that answers the runner's ricecooker version check as that version would.
    private Task FakePythonAsync(string? ricecooker)
    {
        var old = ricecooker is not null && Version.Parse(ricecooker) < new Version(0, 6, 40);
        var path = Path.Combine(ChefDir, "venv", "bin", "python");
        File.WriteAllText(path, $"#!/bin/sh\nexit {(ricecooker is null ? 1 : old ? 0 : 1)}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return Task.CompletedTask;
    }

    private Task<ProcessResult> RunAsync(string command, params (string Name, string Value)[] environment) =>
        ProcessRunner.RunAsync(
            "/bin/sh",
            [Runner, ChefDir, "", "manual", command],
            environment: environment.ToDictionary(e => e.Name, e => e.Value));

    private async Task<JsonElement> RecordAsync()
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(ChefDir, "runs"), "*.json"));
        return JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
    }
}
