using System.Text.RegularExpressions;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// A role with <c>become: sushops-chef</c> against the real sshd and sudo: the SSH test user logs in, and
/// every command runs as the chef user, with the sudo password fed on standard input and shown nowhere.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class BecomeFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Token = "become-token-0c5e77";
    private readonly TempDirectory _local = new("sushops-become");
    private readonly string _name = "become-" + Guid.NewGuid().ToString("N")[..8];
    private string _chefHome = "";

    private SshServer Server => fixture.Server;

    private string ChefsDir => $"{_chefHome}/{_name}/chefs";

    public async ValueTask InitializeAsync()
    {
        _ = Server;
        _chefHome = await ChefUser.EnsureAsync();
        var upstream = await ChefRepository.CreateAsync($"{_chefHome}/{_name}/upstream");
        await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{ChefUser.Name}:", $"{_chefHome}/{_name}"]);
        await File.WriteAllTextAsync(_local.Combine("token"), Token);
        File.Copy(Server.KnownHostsPath, _local.Combine("known_hosts"), overwrite: true);
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $$"""
            chef_name,repo_url,command,schedule,role
            demo,{{upstream.Path}},echo chef is $(id -un); cat {studio_token}; echo; sleep 3,0 4 * * *,ck
            """);
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            roles:
              ck:
                hosts: ["{Server.User}@{Server.Host}:{Server.Port}"]
                become: {ChefUser.Name}
                chefs_dir: ~/{_name}/chefs
            ssh:
              identity_file: {Server.ClientKeyPath}
              known_hosts: known_hosts
            studio:
              url: https://studio.example.org
              token_file: token
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await ChefUser.RunAsync("crontab -r");
        await ProcessRunner.RunAsync("rm", ["-rf", $"{_chefHome}/{_name}"]);
    }

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Setup_run_and_schedule_act_as_the_chef_user_and_the_password_shows_nowhere()
    {
        var setup = await SushOpsAsync(ChefUser.Password, "setup", "demo", "-v", "diagnostic");
        Assert.True(setup.ExitCode == 0, setup.Output);

        var arguments = new[] { "run", "demo", "-v", "diagnostic" };
        using var running = RunningSushOps.Start(_local.Path, Password(ChefUser.Password), arguments);
        await running.WaitForOutputAsync($"demo | chef is {ChefUser.Name}", TimeSpan.FromSeconds(60));
        var processes = await ProcessRunner.RunCheckedAsync("ps", ["-eo", "args"]);
        var run = await running.WaitAsync(TimeSpan.FromSeconds(60));
        var schedule = await SushOpsAsync(ChefUser.Password, "schedule", "demo", "-v", "diagnostic");
        var dryUnschedule = await SushOpsAsync(ChefUser.Password, "unschedule", "demo", "-n");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("demo | ***", run.StandardOutput);
        Assert.True(schedule.ExitCode == 0, schedule.Output);
        Assert.Contains("demo: changed: would be removed: 0 4 * * *", dryUnschedule.StandardOutput);
        var owners = await ProcessRunner.RunCheckedAsync("sh", ["-c",
            $"stat -c %U {ChefsDir}/demo/repo/chef.py {ChefsDir}/demo/runs/*.json {ChefsDir}/.sushops/studio-token"]);
        Assert.Equal([ChefUser.Name, ChefUser.Name, ChefUser.Name], owners.StandardOutput.Trim().Split('\n'));
        var crontab = await ChefUser.RunAsync("crontab -l");
        Assert.Contains($"\"$HOME\"/'{_name}/chefs/.sushops/bin/run-chef' \"$HOME\"/'{_name}/chefs/demo'",
            crontab.StandardOutput);
        var logs = Directory.GetFiles(_local.Combine(".state", "sushops"), "sushops-*.log");
        var logText = string.Concat(await Task.WhenAll(logs.Select(path => File.ReadAllTextAsync(path))));
        var everything = string.Join("\n", setup.Output, run.Output, schedule.Output, dryUnschedule.Output, logText,
            processes.StandardOutput, crontab.StandardOutput);
        Assert.DoesNotContain(ChefUser.Password, everything);
        Assert.DoesNotContain(Token, everything);
    }

    [Fact]
    public async Task A_wrong_sudo_password_stops_the_host_with_sudos_own_words_and_changes_nothing()
    {
        var result = await SushOpsAsync("not-the-password", "setup", "demo");

        Assert.True(result.ExitCode == 3, result.Output);
        Assert.Matches(
            new Regex($"demo: unreachable: .*sudo does not let the login user act as {ChefUser.Name}.*incorrect"),
            result.StandardOutput);
        Assert.Contains("check SUSHOPS_SUDO_PASSWORD", result.StandardOutput);
        Assert.False(Directory.Exists(ChefsDir));
        Assert.DoesNotContain("not-the-password", result.Output);
    }

    [Fact]
    public async Task Ctrl_c_during_a_run_as_the_chef_user_leaves_nothing_running()
    {
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,role
            demo,{_chefHome}/{_name}/upstream,echo started; sleep 321.5; true,ck
            """);
        var setup = await SushOpsAsync(ChefUser.Password, "setup", "demo");
        Assert.True(setup.ExitCode == 0, setup.Output);

        using var run = RunningSushOps.Start(_local.Path, Password(ChefUser.Password), "run", "demo");
        await run.WaitForOutputAsync("demo | started", TimeSpan.FromSeconds(60));
        await run.InterruptAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 130, result.Output);
        var left = await ProcessRunner.RunAsync("pgrep", ["-af", $"[s]leep 321[.]5|[{_name[0]}]{_name[1..]}"]);
        Assert.True(left.ExitCode == 1, "left running: " + left.StandardOutput);
        var record = await ProcessRunner.RunCheckedAsync("sh", ["-c", $"cat {ChefsDir}/demo/runs/*.json"]);
        Assert.True(
            record.StandardOutput.Contains("\"result\":\"interrupted\""), record.StandardOutput + result.Output);
    }

    private static Dictionary<string, string> Password(string password) =>
        new() { ["SUSHOPS_SUDO_PASSWORD"] = password };

    private Task<ProcessResult> SushOpsAsync(string password, params string[] arguments) =>
        SushOpsProcess.RunAsync(_local.Path, Password(password), arguments);
}
