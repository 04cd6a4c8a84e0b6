using System.Diagnostics;
using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// schedule and unschedule against the real crontab of the SSH test user, and a real cron daemon firing an
/// entry sushops installed.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class ScheduleFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    // Lines sushops does not own: every byte of them must survive any schedule or unschedule.
    private const string Foreign = """
        MAILTO=ops@example.org
        # backups, nothing to do with khan_academy_en

        30 1 * * * /usr/bin/true khan_academy_en
        # sushops:not-a-marker because of this text

        """;

    private readonly TempDirectory _local = new("sushops-schedule");
    private string _hostDir = "";

    private SshServer Server => fixture.Server;

    public async ValueTask InitializeAsync()
    {
        _hostDir = await Server.MakeUserDirectoryAsync("cron");
        await ChefRepository.CreateAsync(Path.Combine(_hostDir, "upstream"));
        await Server.GiveToUserAsync(_hostDir);
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), await File.ReadAllTextAsync(Server.KnownHostsPath));
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            roles:
              ck:
                hosts: ["{Server.User}@{Server.Host}:{Server.Port}"]
                chefs_dir: {_hostDir}/chefs
            ssh:
              identity_file: {Server.ClientKeyPath}
              known_hosts: known_hosts
            """);
        await WriteInventoryAsync(("khan_academy_en", "0 3 1 * *"), ("pradigi", "@weekly"), ("unscheduled", ""));
        await SetCrontabAsync(Foreign);
    }

    public async ValueTask DisposeAsync() => await Server.RunAsUserAsync("crontab -r");

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Schedule_all_installs_entries_and_keeps_every_foreign_byte()
    {
        var first = await SushOps("schedule", "--all");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("khan_academy_en: changed: added: 0 3 1 * *", first.StandardOutput);
        Assert.Contains("pradigi: changed: added: @weekly", first.StandardOutput);
        Assert.Contains("unscheduled: ok: no schedule in the inventory", first.StandardOutput);
        var crontab = await CrontabAsync();
        Assert.StartsWith(Foreign, crontab);
        Assert.Contains("# sushops:khan_academy_en\n0 3 1 * * SUSHOPS_STAGE=auto ", crontab);
        var chefs = $"{_hostDir}/chefs";
        Assert.Contains($"'{chefs}/.sushops/bin/run-chef' '{chefs}/khan_academy_en' '' cron", crontab);
        Assert.True(await FileExistsOnHostAsync($"{_hostDir}/chefs/.sushops/bin/run-chef"));

        var second = await SushOps("schedule", "--all");

        Assert.Contains("khan_academy_en: ok: schedule unchanged", second.StandardOutput);
        Assert.Equal(crontab, await CrontabAsync());
    }

    [Fact]
    public async Task Changed_and_dropped_schedules_are_rewritten_and_removed_and_unschedule_restores_the_original()
    {
        await SushOps("schedule", "--all");
        await WriteInventoryAsync(("khan_academy_en", "15 4 * * 0"), ("unscheduled", ""));

        var result = await SushOps("schedule", "--all");

        Assert.Contains("khan_academy_en: changed: changed to: 15 4 * * 0", result.StandardOutput);
        Assert.Contains("pradigi: changed: removed:", result.StandardOutput);
        var crontab = await CrontabAsync();
        Assert.StartsWith(Foreign, crontab);
        Assert.DoesNotContain("sushops:pradigi", crontab);

        var removed = await SushOps("unschedule", "--all");

        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.Equal(Foreign, await CrontabAsync());
    }

    [Fact]
    public async Task Scheduling_one_chef_leaves_the_other_entries_alone()
    {
        await SushOps("schedule", "--all");
        await WriteInventoryAsync(("khan_academy_en", "0 5 * * *"), ("unscheduled", ""));

        await SushOps("schedule", "khan_academy_en");

        var crontab = await CrontabAsync();
        Assert.Contains("# sushops:pradigi\n@weekly", crontab);
        Assert.Contains("# sushops:khan_academy_en\n0 5 * * *", crontab);
    }

    [Fact]
    public async Task Dry_run_prints_the_changes_and_leaves_the_crontab_alone()
    {
        var result = await SushOps("schedule", "--all", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("khan_academy_en: ok: would be added: 0 3 1 * *", result.StandardOutput);
        Assert.Equal(Foreign, await CrontabAsync());
        Assert.False(await FileExistsOnHostAsync($"{_hostDir}/chefs/.sushops/bin/run-chef"));
    }

    [Fact]
    public async Task A_real_cron_daemon_runs_the_entry_and_a_start_while_the_chef_runs_is_skipped()
    {
        await CronDaemon.EnsureRunningAsync();
        await WriteInventoryAsync(("quick", "* * * * *"), ("slow", "* * * * *"));
        await SushOpsChecked("setup", "--all");
        await SushOpsChecked("schedule", "--all");

        // A manual run of "slow" holds its lock while cron starts it again.
        var runner = $"{_hostDir}/chefs/.sushops/bin/run-chef";
        var manual = Server.RunAsUserAsync($"'{runner}' '{_hostDir}/chefs/slow' '' manual 'sleep 100' >/dev/null 2>&1");

        var quick = await WaitForRecordAsync("quick", r => r.GetProperty("trigger").GetString() == "cron");
        var slow = await WaitForRecordAsync("slow", r => r.GetProperty("result").GetString() == "skipped");

        Assert.Equal("ok", quick.GetProperty("result").GetString());
        Assert.Equal(0, quick.GetProperty("exit_code").GetInt32());
        Assert.Equal("cron", slow.GetProperty("trigger").GetString());
        await Server.RunAsUserAsync("crontab -r; pkill -u sushops-test -f 'sleep 100'");
        await manual;
    }

    private async Task<JsonElement> WaitForRecordAsync(string chef, Func<JsonElement, bool> wanted)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            var records = await Server.RunAsUserAsync($"cat {_hostDir}/chefs/{chef}/runs/*.json 2>/dev/null");
            foreach (var line in records.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var record = JsonDocument.Parse(line).RootElement;
                if (wanted(record))
                {
                    return record;
                }
            }

            await Task.Delay(2000);
        }

        throw new TimeoutException($"cron left no matching run record of {chef} within 150 s");
    }

    private async Task WriteInventoryAsync(params (string Chef, string Schedule)[] chefs)
    {
        var rows = chefs.Select(c => $"{c.Chef},{_hostDir}/upstream,python chef.py,{c.Schedule},ck");
        await File.WriteAllTextAsync(
            _local.Combine("inventory.csv"), "chef_name,repo_url,command,schedule,role\n" + string.Join('\n', rows));
    }

    private async Task SetCrontabAsync(string text)
    {
        var file = Path.Combine(_hostDir, "seed.cron");
        await File.WriteAllTextAsync(file, text);
        var result = await Server.RunAsUserAsync($"crontab '{file}'");
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private async Task<string> CrontabAsync() => (await Server.RunAsUserAsync("crontab -l")).StandardOutput;

    private async Task<bool> FileExistsOnHostAsync(string path) =>
        (await Server.RunAsUserAsync($"test -f '{path}'")).ExitCode == 0;

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_local.Path, arguments);

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
