using System.Text.Json;
using System.Text.RegularExpressions;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// Ctrl-C (SIGINT to the sushops process alone, as a test can send it) during a long command on a host:
/// sushops stops what it started there, prints the recap so far and exits 130; nothing is left running.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class InterruptFlowTests(SshServerFixture fixture) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _local = new("sushops-interrupt");

    private SshServer Server => fixture.Server;

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Ctrl_c_during_a_run_over_ssh_stops_the_chef_on_the_host_and_records_it_as_interrupted()
    {
        var hostDir = await PrepareSshHostAsync("echo started; sleep 318.5; echo not reached", postSetup: "");
        var setup = await SushOpsProcess.RunAsync(_local.Path, "setup", "demo");
        Assert.True(setup.ExitCode == 0, setup.Output);

        using var run = RunningSushOps.Start(_local.Path, "run", "demo");
        await run.WaitForOutputAsync("demo | started", Patience);
        await run.InterruptAsync();
        var result = await run.WaitAsync(Patience);

        Assert.True(result.ExitCode == 130, result.Output);
        Assert.Contains("demo: failed: interrupted", result.StandardOutput);
        Assert.Contains("recap:", result.StandardOutput);
        Assert.DoesNotContain("not reached", result.StandardOutput);
        var left = await Server.RunAsUserAsync($"pgrep -u {Server.User} -af '{Pattern("sleep 318.5", hostDir)}'");
        Assert.True(left.ExitCode == 1, "left running on the host: " + left.StandardOutput);
        var record = await Server.RunAsUserAsync($"cat {hostDir}/chefs/demo/runs/*.json");
        Assert.Equal("interrupted", Result(record.StandardOutput));
    }

    [Fact]
    public async Task Ctrl_c_during_setup_over_ssh_stops_the_post_setup_command_on_the_host()
    {
        var hostDir = await PrepareSshHostAsync("true", postSetup: "echo post-setup started; sleep 320.5");

        using var setup = RunningSushOps.Start(_local.Path, "setup", "demo");
        await setup.WaitForOutputAsync("demo | post-setup started", Patience);
        await setup.InterruptAsync();
        var result = await setup.WaitAsync(Patience);

        Assert.True(result.ExitCode == 130, result.Output);
        Assert.Contains("demo: failed: interrupted", result.StandardOutput);
        var left = await Server.RunAsUserAsync($"pgrep -u {Server.User} -af '{Pattern("sleep 320.5", hostDir)}'");
        Assert.True(left.ExitCode == 1, "left running on the host: " + left.StandardOutput);
    }

    [Fact]
    public async Task Ctrl_c_during_a_local_run_stops_the_chef_and_records_it_as_interrupted()
    {
        var chefsDir = _local.Combine("chefs");
        await ChefRepository.CreateAsync(_local.Combine("upstream"));
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            roles:
              local:
                chefs_dir: {chefsDir}
            """);
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), """
            chef_name,repo_url,command
            demo,upstream,echo started; sleep 319.5; echo not reached
            other,upstream,echo other ran
            """);
        var setup = await SushOpsProcess.RunAsync(_local.Path, "setup", "--all");
        Assert.True(setup.ExitCode == 0, setup.Output);

        using var run = RunningSushOps.Start(_local.Path, "run", "--all");
        await run.WaitForOutputAsync("demo | started", Patience);
        await run.InterruptAsync();
        var result = await run.WaitAsync(Patience);

        Assert.True(result.ExitCode == 130, result.Output);
        Assert.Contains("[local] demo: failed: interrupted", result.StandardOutput);
        Assert.Contains("[local] other: skipped: not started: interrupted", result.StandardOutput);
        Assert.Contains("local  ok=0  changed=0  skipped=1  unreachable=0  failed=1", result.StandardOutput);
        var left = await ProcessRunner.RunAsync("pgrep", ["-af", Pattern("sleep 319.5", chefsDir)]);
        Assert.True(left.ExitCode == 1, "left running: " + left.StandardOutput);
        var record = Assert.Single(Directory.GetFiles(Path.Combine(chefsDir, "demo", "runs"), "*.json"));
        Assert.Equal("interrupted", Result(await File.ReadAllTextAsync(record)));
    }

    // Matches either text in a command line, but not this pattern's own text (in the shell that runs pgrep).
    private static string Pattern(string first, string second) =>
        $"[{first[0]}]{Regex.Escape(first[1..])}|[{second[0]}]{Regex.Escape(second[1..])}";

    private static string? Result(string record)
    {
        using var json = JsonDocument.Parse(record);
        return json.RootElement.GetProperty("result").GetString();
    }

    private async Task<string> PrepareSshHostAsync(string command, string postSetup)
    {
        var hostDir = await Server.MakeUserDirectoryAsync("interrupt");
        await ChefRepository.CreateAsync(Path.Combine(hostDir, "upstream"));
        await Server.GiveToUserAsync(hostDir);
        File.Copy(Server.KnownHostsPath, _local.Combine("known_hosts"), overwrite: true);
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,post_setup,role
            demo,{hostDir}/upstream,{command},{postSetup},ck
            """);
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            roles:
              ck:
                hosts: ["{Server.User}@{Server.Host}:{Server.Port}"]
                chefs_dir: {hostDir}/chefs
            ssh:
              identity_file: {Server.ClientKeyPath}
              known_hosts: known_hosts
            """);
        return hostDir;
    }
}
