using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>status, ps and stop over SSH against a real OpenSSH server, logged in as the non-root test user.</summary>
[Collection(SshServerCollection.Name)]
public sealed class SshStatusFlowTests(SshServerFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _local = new("sushops-ssh-status");
    private readonly string _slowSeconds = $"43.{Random.Shared.Next(100000, 999999)}";
    private string _hostDir = "";
    private ChefRepository _upstream = null!;

    private SshServer Server => fixture.Server;

    private string HostName => $"{Server.User}@{Server.Host}:{Server.Port}";

    public async ValueTask InitializeAsync()
    {
        _hostDir = await Server.MakeUserDirectoryAsync("status");
        _upstream = await ChefRepository.CreateAsync(Path.Combine(_hostDir, "upstream"));
        await _upstream.CommitFileAsync("slow.py", "import time, sys\nprint('started', flush=True)\n"
                                                   + "time.sleep(float(sys.argv[1]))\n", "a slow chef");
        await Server.GiveToUserAsync(_hostDir);
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), await File.ReadAllTextAsync(Server.KnownHostsPath));

        // The upstream belongs to the test user; the operator trusts it as git would be told to (XDG git config).
        Directory.CreateDirectory(_local.Combine(".config", "git"));
        await File.WriteAllTextAsync(_local.Combine(".config", "git", "config"), "[safe]\n\tdirectory = *\n");
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), $"""
            roles:
              ck:
                hosts: ["{HostName}"]
                chefs_dir: {_hostDir}/chefs
            ssh:
              identity_file: {Server.ClientKeyPath}
              known_hosts: known_hosts
            """);
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,schedule,role
            st-good,{_upstream.Path},python chef.py,17 3 * * *,ck
            st-asks,{_upstream.Path},python chef.py --ask,,ck
            st-slow,{_upstream.Path},python slow.py {_slowSeconds},,ck
            st-never,{_upstream.Path},python chef.py,,ck
            st-yearly,{_upstream.Path},python chef.py,0 0 1 1 *,ck
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await SushOps("unschedule", "st-good", "st-yearly");
        await Server.RunAsUserAsync($"pkill -f '[s]low.py {_slowSeconds}' || true");
    }

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Status_over_ssh_reports_every_chef_from_one_script_per_host()
    {
        await SushOpsChecked("setup", "st-good", "st-asks");
        await SushOps("run", "st-good", "st-asks");
        await SushOpsChecked("schedule", "st-good");
        var deployed = await _upstream.HeadAsync();
        await _upstream.CommitFileAsync("NEWS", "second", "second version");
        await Server.GiveToUserAsync(_upstream.Path);

        var result = await SushOps("status", "--all", "--json", "-v", "diagnostic");

        Assert.True(result.ExitCode == 1, result.Output);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var rows = document.RootElement.GetProperty("chefs").EnumerateArray()
            .ToDictionary(row => row.GetProperty("chef").GetString()!);
        var good = rows["st-good"];
        Assert.Equal(HostName, good.GetProperty("host").GetString());
        Assert.Equal(deployed, good.GetProperty("commit").GetString());
        Assert.True(good.GetProperty("behind_remote").GetBoolean());
        Assert.Equal("ok", good.GetProperty("last_run").GetProperty("result").GetString());
        Assert.Equal("17 3 * * *", good.GetProperty("schedule").GetString());
        var next = good.GetProperty("next_run").GetDateTimeOffset();
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(24));
        Assert.Equal(17, next.Minute);
        Assert.True(good.GetProperty("disk_free_bytes").GetInt64() > 0);
        var cause = rows["st-asks"].GetProperty("last_run").GetProperty("cause");
        Assert.Equal("stdin_closed", cause.GetProperty("id").GetString());
        Assert.False(rows["st-never"].GetProperty("set_up").GetBoolean());
        Assert.False(rows["st-never"].TryGetProperty("last_run", out _));
        Assert.Single(result.StandardError.Split('\n'), line => line.Contains("Status of 5 chefs on " + HostName));
    }

    [Fact]
    public async Task Alert_missed_posts_one_message_about_the_scheduled_run_that_did_not_happen()
    {
        using var listener = new System.Net.HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var alerts = $"\nalerts:\n  webhook_url: http://127.0.0.1:{port}/hook/x\n";
        await File.AppendAllTextAsync(_local.Combine("sushops.yaml"), alerts);
        await SushOpsChecked("setup", "st-good", "st-yearly");
        await SushOpsChecked("run", "st-good");
        await SushOpsChecked("schedule", "st-good", "st-yearly");
        var received = ReceiveAsync(listener);

        var result = await SushOps("status", "st-good", "st-yearly", "--alert-missed");

        Assert.True(result.ExitCode == 1, result.Output);
        var body = await received.WaitAsync(TimeSpan.FromSeconds(30));
        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.GetProperty("text").GetString();
        Assert.Equal("sushops: a scheduled run did not happen:\n"
                     + $"• *st-yearly* on *{HostName}*: due 2026-01-01 00:00Z (0 0 1 1 *), no run recorded", text);
        Assert.Contains("Posted an alert about missed runs", result.StandardError);
        var line = result.StandardOutput.Split('\n').Single(l => l.StartsWith("st-yearly\t"));
        Assert.Contains("; missed 2026-01-01 00:00Z", line);
    }

    private static async Task<string> ReceiveAsync(System.Net.HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return body;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Ps_and_stop_over_ssh_find_the_running_chef_and_leave_no_process()
    {
        await SushOpsChecked("setup", "st-slow");
        await SushOpsChecked("run", "st-slow", "--detach");
        var chefCommand = $"python slow.py {_slowSeconds}";
        string? command = null;
        for (var i = 0; i < 50 && command is null; i++)
        {
            using var ps = JsonDocument.Parse((await SushOps("ps", "--json")).StandardOutput);
            command = ps.RootElement.GetProperty("processes").EnumerateArray()
                .Select(p => p.GetProperty("command").GetString())
                .FirstOrDefault(c => c == chefCommand);
            await Task.Delay(100);
        }

        Assert.Equal(chefCommand, command);

        var stop = await SushOps("stop", "st-slow", "--grace", "5");

        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.Contains($"[{HostName}] st-slow: changed: stopped run ", stop.StandardOutput);
        await Task.Delay(500);
        // The bracket keeps the pattern from matching the shell that runs pgrep.
        var left = await Server.RunAsUserAsync($"pgrep -f '[s]low.py {_slowSeconds}'");
        Assert.True(left.ExitCode != 0, "the chef was left running: " + left.StandardOutput);
        var record = await Server.RunAsUserAsync($"cat {_hostDir}/chefs/st-slow/runs/*.json");
        using var json = JsonDocument.Parse(record.StandardOutput);
        Assert.Equal("stopped", json.RootElement.GetProperty("result").GetString());
    }

    private async Task<ProcessResult> SushOps(params string[] arguments)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = await SushOpsProcess.RunAsync(_local.Path, arguments);
        TestContext.Current.TestOutputHelper?.WriteLine($"sushops {string.Join(' ', arguments)}: {clock.Elapsed}");
        return r;
    }

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
