using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// The Studio token never shows, at the most verbose level, anywhere a person or another user could read it:
/// sushops' standard output and error, its daily log file, the host's crontab, the host's process list
/// while the chef runs, and the chef's own log on the host; not even when the chef prints it.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class SecretFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Token = "studio-token-9f27c4e1d0b3";
    private const string Studio = "studio:\n  url: https://studio.example.org\n  token_file: token\n";

    private readonly TempDirectory _local = new("sushops-secret");
    private string _hostDir = "";

    private SshServer Server => fixture.Server;

    public async ValueTask InitializeAsync()
    {
        _hostDir = await Server.MakeUserDirectoryAsync("secret");
        await ChefRepository.CreateAsync(Path.Combine(_hostDir, "upstream"));
        await Server.GiveToUserAsync(_hostDir);
        await File.WriteAllTextAsync(_local.Combine("token"), Token + "\n");
        File.Copy(Server.KnownHostsPath, _local.Combine("known_hosts"), overwrite: true);

        // The chef prints the token file's content, as a chef with a verbose HTTP log might.
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $$"""
            chef_name,repo_url,command,schedule,role
            demo,{{_hostDir}}/upstream,cat {studio_token}; echo; echo chef running; sleep 3,0 4 * * *,ck
            """);
        await File.WriteAllTextAsync(
            _local.Combine("sushops.yaml"),
            Server.ConfigWithRole($"{_hostDir}/chefs", Studio));
    }

    public async ValueTask DisposeAsync() => await Server.RunAsUserAsync("crontab -r");

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task The_token_is_in_no_output_log_crontab_or_process_list_at_the_diagnostic_level()
    {
        var setup = await SushOpsProcess.RunAsync(_local.Path, "setup", "demo", "-v", "diagnostic");
        Assert.True(setup.ExitCode == 0, setup.Output);

        using var running = RunningSushOps.Start(_local.Path, "run", "demo", "-v", "diagnostic");
        await running.WaitForOutputAsync("demo | chef running", TimeSpan.FromSeconds(60));
        var processes = await ProcessRunner.RunCheckedAsync("ps", ["-eo", "args"]);
        var run = await running.WaitAsync(TimeSpan.FromSeconds(60));
        var schedule = await SushOpsProcess.RunAsync(_local.Path, "schedule", "demo", "-v", "diagnostic");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(schedule.ExitCode == 0, schedule.Output);
        Assert.Contains("demo | ***", run.StandardOutput);
        Assert.Contains("DBG", run.StandardError);
        Assert.Contains("chef running", processes.StandardOutput + run.StandardOutput);
        var logs = Directory.GetFiles(_local.Combine(".state", "sushops"), "sushops-*.log");
        var logText = string.Concat(await Task.WhenAll(logs.Select(path => File.ReadAllTextAsync(path))));
        Assert.Contains("VRB", logText);
        var crontab = (await Server.RunAsUserAsync("crontab -l")).StandardOutput;
        Assert.Contains("# sushops:demo", crontab);
        var hostLog = (await Server.RunAsUserAsync($"cat {_hostDir}/chefs/demo/runs/*.log")).StandardOutput;
        Assert.Contains("chef running", hostLog);

        var places = new Dictionary<string, string>
        {
            ["setup output"] = setup.StandardOutput + setup.StandardError,
            ["run output"] = run.StandardOutput + run.StandardError,
            ["schedule output"] = schedule.StandardOutput + schedule.StandardError,
            ["the log file"] = logText,
            ["the crontab"] = crontab,
            ["the process list"] = processes.StandardOutput,
            ["the chef's log on the host"] = hostLog,
        };
        foreach (var (place, text) in places)
        {
            Assert.False(text.Contains(Token, StringComparison.Ordinal), $"the token is in {place}:\n{text}");
        }
    }
}
