using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// <c>--dry-run</c> of every verb against a real host: it says what it would do and changes nothing, measured
/// by a listing of the chefs directory (paths, sizes, modification times, modes) and the crontab, before and after.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class DryRunFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Token = "dry-run-token-51c2a8";
    private const string Studio = "studio:\n  url: https://studio.example.org\n  token_file: token\n";

    private readonly TempDirectory _local = new("sushops-dry");
    private string _hostDir = "";
    private ChefRepository _upstream = null!;

    private SshServer Server => fixture.Server;

    public async ValueTask InitializeAsync()
    {
        _hostDir = await Server.MakeUserDirectoryAsync("dry");
        _upstream = await ChefRepository.CreateAsync(Path.Combine(_hostDir, "upstream"));
        await Server.GiveToUserAsync(_hostDir);
        await File.WriteAllTextAsync(_local.Combine("token"), Token);
        File.Copy(Server.KnownHostsPath, _local.Combine("known_hosts"), overwrite: true);
        await WriteInventoryAsync("0 4 * * *");
        await File.WriteAllTextAsync(
            _local.Combine("sushops.yaml"),
            Server.ConfigWithRole($"{_hostDir}/chefs", Studio));
    }

    public async ValueTask DisposeAsync() => await Server.RunAsUserAsync("crontab -r");

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task A_dry_run_of_each_verb_prints_what_it_would_do_and_changes_nothing_on_the_host()
    {
        await SushOpsCheckedAsync("setup", "demo");
        await SushOpsCheckedAsync("schedule", "demo");
        await _upstream.CommitFileAsync("NEWS", "second", "a change update would fetch");
        await Server.GiveToUserAsync(_upstream.Path);
        await WriteInventoryAsync("30 5 * * *");
        var before = await HostStateAsync();

        var setup = await SushOpsCheckedAsync("setup", "--all", "-n");
        var update = await SushOpsCheckedAsync("update", "demo", "-n");
        var run = await SushOpsCheckedAsync("run", "demo", "--dry-run", "--", "--extra");
        var schedule = await SushOpsCheckedAsync("schedule", "--all", "-n");
        var unschedule = await SushOpsCheckedAsync("unschedule", "--all", "-n");

        Assert.Equal(before, await HostStateAsync());
        Assert.Contains("setup fresh on", setup.StandardOutput);
        Assert.Contains("git clone --quiet -- \"$repo_url\" \"$repo\"", setup.StandardOutput);
        Assert.Contains("fetch and hard-reset", update.StandardOutput);
        Assert.Contains("studio-token (mode 0600, content not shown)", run.StandardOutput);
        Assert.Contains("'--extra'", run.StandardOutput);
        Assert.Contains("demo: changed: would be changed to: 30 5 * * *", schedule.StandardOutput);
        Assert.Contains("demo: changed: would be removed: 0 4 * * *", unschedule.StandardOutput);
        foreach (var result in new[] { setup, update, run, schedule, unschedule })
        {
            Assert.DoesNotContain(Token, result.StandardOutput + result.StandardError);
        }
    }

    private async Task<string> HostStateAsync()
    {
        var listing = await Server.RunAsUserAsync(
            $"find {_hostDir}/chefs -printf '%p %s %T@ %m\\n' | sort");
        var crontab = await Server.RunAsUserAsync("crontab -l");
        Assert.True(listing.ExitCode == 0, listing.Output);
        return listing.StandardOutput + "\ncrontab:\n" + crontab.StandardOutput;
    }

    private Task WriteInventoryAsync(string schedule) => File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
        chef_name,repo_url,command,schedule,role
        demo,{_hostDir}/upstream,python chef.py,{schedule},ck
        fresh,{_hostDir}/upstream,python chef.py,,ck
        """);

    private async Task<ProcessResult> SushOpsCheckedAsync(params string[] arguments)
    {
        var result = await SushOpsProcess.RunAsync(_local.Path, arguments);
        Assert.True(result.ExitCode == 0, $"sushops {string.Join(' ', arguments)}: {result.Output}");
        return result;
    }
}
