using System.Diagnostics;
using System.Text.Json;
using SushOps.Scheduling;
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
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), Server.ConfigWithRole($"{_hostDir}/chefs"));
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
        Assert.Contains("khan_academy_en: changed: would be added: 0 3 1 * *", result.StandardOutput);
        Assert.Equal(Foreign, await CrontabAsync());
        Assert.False(await FileExistsOnHostAsync($"{_hostDir}/chefs/.sushops/bin/run-chef"));
    }

    [Fact]
    public async Task A_random_sequence_of_schedules_and_unschedules_keeps_every_foreign_byte_in_place()
    {
        string[] chefs = ["khan_academy_en", "pradigi", "unscheduled"];
        string[] schedules = ["0 3 1 * *", "@weekly", "15 4 * * 0", ""];
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var inventory = chefs.ToDictionary(c => c, _ => "");
        var expected = new Dictionary<string, string>();
        for (var step = 0; step < 12; step++)
        {
            inventory[chefs[random.Next(chefs.Length)]] = schedules[random.Next(schedules.Length)];
            await WriteInventoryAsync(inventory.Select(pair => (pair.Key, pair.Value)).ToArray());
            var chef = chefs[random.Next(chefs.Length)];
            var (arguments, apply) = random.Next(4) switch
            {
                0 => (new[] { "schedule", "--all" }, () => Replace(expected, inventory.Where(p => p.Value != ""))),
                1 => (["schedule", chef], () => Set(expected, chef, inventory[chef])),
                2 => (["unschedule", chef], () => Set(expected, chef, "")),
                _ => (new[] { "unschedule", "--all" }, (Action)(() => expected.Clear())),
            };

            var result = await SushOps(arguments);
            apply();

            var context = $"seed {seed}, step {step}: sushops {string.Join(' ', arguments)}\n{result.Output}";
            Assert.True(result.ExitCode == 0, context);
            var crontab = await CrontabAsync();
            Assert.True(WithoutEntriesOf(crontab, chefs) == Foreign, context + "\ncrontab:\n" + crontab);
            foreach (var name in chefs)
            {
                var marked = crontab.Contains($"# sushops:{name}\n", StringComparison.Ordinal);
                Assert.True(marked == expected.ContainsKey(name), $"{context}\n{name} in crontab:\n{crontab}");
                Assert.True(!marked || crontab.Contains($"# sushops:{name}\n{expected[name]} "), context + crontab);
            }
        }
    }

    [Fact]
    public async Task An_invalid_schedule_in_one_row_stops_schedule_all_before_any_host_is_touched()
    {
        await WriteInventoryAsync(("khan_academy_en", "0 3 1 * *"), ("pradigi", "0 3 * *"));

        var result = await SushOps("schedule", "--all");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("row 3, column \"schedule\": \"0 3 * *\" has 4 fields", result.StandardError);
        Assert.Equal(Foreign, await CrontabAsync());
        Assert.False(await FileExistsOnHostAsync($"{_hostDir}/chefs/.sushops/bin/run-chef"));
    }

    [Fact]
    public async Task A_host_whose_zone_is_not_the_roles_gets_a_warning_that_says_how_to_fix_it()
    {
        var config = _local.Combine("sushops.yaml");
        var text = await File.ReadAllTextAsync(config);
        await File.WriteAllTextAsync(
            config, text.Replace("    chefs_dir:", "    timezone: Pacific/Auckland\n    chefs_dir:"));
        var reported = HostCronZone.Parse((await Server.RunAsUserAsync(HostCronZone.Script)).StandardOutput);
        Assert.NotNull(reported);
        Assert.False(reported.Offset is "+1200" or "+1300", "the test host must not be in Auckland's zone");
        var zone = reported.Name.Length > 0 ? reported.Name : "UTC" + reported.Offset;

        var result = await SushOps("schedule", "--all");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(
            $"runs entries in the host's local time, {zone}, but role ck says timezone Pacific/Auckland",
            result.StandardError);
        Assert.Contains($"set roles.ck.timezone to {zone}", result.StandardError);
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

    private static void Set(Dictionary<string, string> entries, string chef, string schedule)
    {
        if (schedule == "")
        {
            entries.Remove(chef);
        }
        else
        {
            entries[chef] = schedule;
        }
    }

    private static void Replace(Dictionary<string, string> entries, IEnumerable<KeyValuePair<string, string>> with)
    {
        entries.Clear();
        foreach (var (chef, schedule) in with)
        {
            entries[chef] = schedule;
        }
    }

    // The crontab with each chef's marker line and the entry under it taken out.
    private static string WithoutEntriesOf(string crontab, string[] chefs)
    {
        var lines = crontab.Split('\n').ToList();
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (chefs.Any(c => lines[i] == "# sushops:" + c))
            {
                lines.RemoveRange(i, Math.Min(2, lines.Count - i));
            }
        }

        return string.Join('\n', lines);
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
