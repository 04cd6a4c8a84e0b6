using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>
/// setup, update and run over SSH against a real OpenSSH server on loopback, logged in as a non-root user,
/// with every effect checked on the host's side.
/// </summary>
[Collection(SshServerCollection.Name)]
public sealed class SshChefFlowTests(SshServerFixture fixture) : IDisposable
{
    private const string Token = "ssh-flow-token-6b1d0e";
    private readonly TempDirectory _local = new("sushops-ssh");

    private SshServer Server => fixture.Server;

    private string HostName => $"{Server.User}@{Server.Host}:{Server.Port}";

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Setup_update_run_and_setup_again_leave_the_expected_state_on_the_host()
    {
        var (hostDir, upstream) = await PrepareHostAsync();

        var setup = await SushOps("setup", "demo");

        Assert.True(setup.ExitCode == 0, setup.Output);
        Assert.Contains($"[{HostName}] demo: changed: cloned", setup.StandardOutput);
        var installed = await Server.RunAsUserAsync(
            $"{hostDir}/chefs/demo/venv/bin/python -c 'import greeting; print(greeting.MESSAGE)'");
        Assert.Equal("hello over ssh", installed.StandardOutput.Trim());
        var owner = await Server.RunAsUserAsync($"stat -c %U {hostDir}/chefs/demo/repo/chef.py");
        Assert.Equal(Server.User, owner.StandardOutput.Trim());

        var checkout = $"{hostDir}/chefs/demo/repo";
        await Server.RunAsUserAsync($"echo '# edited on the host' >> {checkout}/chef.py");
        await Server.RunAsUserAsync($"touch {checkout}/scratch.txt");
        await upstream.CommitFileAsync("NEWS", "second", "second version");
        await Server.GiveToUserAsync(upstream.Path);

        var update = await SushOps("update", "demo");

        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains("saved local changes to", update.StandardOutput);
        var head = await Server.RunAsUserAsync($"git -C {hostDir}/chefs/demo/repo rev-parse HEAD");
        Assert.Equal(await upstream.HeadAsync(), head.StandardOutput.Trim());
        var patch = await Server.RunAsUserAsync($"cat {hostDir}/chefs/demo/discarded/*/changes.patch");
        Assert.Contains("+# edited on the host", patch.StandardOutput);
        var untracked = await Server.RunAsUserAsync($"tar -tf {hostDir}/chefs/demo/discarded/*/untracked.tar");
        Assert.Equal("scratch.txt", untracked.StandardOutput.Trim());

        var run = await SushOps("run", "demo", "-v", "diagnostic", "--", "--flag");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"[{HostName}] demo | chef says: hello over ssh", run.StandardOutput);
        Assert.Contains($"[{HostName}] demo | token file mode: 0o600", run.StandardOutput);
        Assert.Contains("--flag", run.StandardOutput);
        var record = await Server.RunAsUserAsync($"cat {hostDir}/chefs/demo/runs/*.json");
        using (var json = JsonDocument.Parse(record.StandardOutput))
        {
            Assert.Equal("ok", json.RootElement.GetProperty("result").GetString());
            Assert.Equal(await upstream.HeadAsync(), json.RootElement.GetProperty("commit").GetString());
        }

        var tokenFile = await Server.RunAsUserAsync($"stat -c %U:%a {hostDir}/chefs/.sushops/studio-token");
        Assert.Equal($"{Server.User}:600", tokenFile.StandardOutput.Trim());
        var logs = await Server.RunAsUserAsync($"cat {hostDir}/chefs/demo/runs/*.log");
        Assert.Contains("chef says: hello over ssh", logs.StandardOutput);
        Assert.DoesNotContain(Token, logs.StandardOutput);
        Assert.DoesNotContain(Token, run.StandardOutput + run.StandardError);

        var again = await SushOps("setup", "demo");

        Assert.Contains($"[{HostName}] demo: ok: nothing to do", again.StandardOutput);
    }

    [Fact]
    public async Task A_detached_run_returns_at_once_and_finishes_after_the_session_ends()
    {
        var (hostDir, _) = await PrepareHostAsync();
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,role
            demo,{hostDir}/upstream,sleep 4; python chef.py,ck
            """);
        await SushOps("setup", "demo");

        var result = await SushOps("run", "demo", "--detach");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"[{HostName}] demo: ok: started in the background (pid ", result.StandardOutput);
        var runs = $"{hostDir}/chefs/demo/runs";
        Assert.NotEqual(0, (await Server.RunAsUserAsync($"ls {runs}/*.json")).ExitCode);
        var record = "";
        for (var i = 0; i < 60 && record.Length == 0; i++)
        {
            await Task.Delay(500);
            record = (await Server.RunAsUserAsync($"cat {runs}/*.json 2>/dev/null")).StandardOutput;
        }

        using var json = JsonDocument.Parse(record);
        Assert.Equal("detached", json.RootElement.GetProperty("trigger").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("result").GetString());
        var log = await Server.RunAsUserAsync($"cat {runs}/*.log");
        Assert.Contains("chef says: hello over ssh", log.StandardOutput);
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_with_its_fingerprint_and_how_to_add_it()
    {
        await PrepareHostAsync();
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), "");

        var result = await SushOps("setup", "demo");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is not in", result.StandardOutput);
        Assert.Contains("SHA256:", result.StandardOutput);
        Assert.Contains($"ssh-keyscan -p {Server.Port} 127.0.0.1 >>", result.StandardOutput);
        Assert.Contains("unreachable=1", result.StandardOutput);
    }

    [Fact]
    public async Task Accept_new_host_keys_records_an_unknown_key_and_the_next_login_is_strict_again()
    {
        await PrepareHostAsync();
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), "# nothing known yet\n");

        var first = await SushOps("setup", "demo", "--accept-new-host-keys");
        var second = await SushOps("setup", "demo");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Added the new host key", first.StandardError);
        var knownHosts = await File.ReadAllTextAsync(_local.Combine("known_hosts"));
        Assert.Contains($"[127.0.0.1]:{Server.Port} {Server.HostPublicKeyLine}", knownHosts);
        Assert.True(second.ExitCode == 0, second.Output);
    }

    [Fact]
    public async Task Accept_new_host_keys_still_refuses_a_changed_key()
    {
        await PrepareHostAsync();
        var impostor = await SshKeygen.GenerateAsync(_local.Path, "impostor");
        var line = $"[127.0.0.1]:{Server.Port} ssh-ed25519 {impostor.Base64}\n";
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), line);

        var result = await SushOps("setup", "demo", "--accept-new-host-keys");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("HAS CHANGED", result.StandardOutput);
        Assert.Equal(line, await File.ReadAllTextAsync(_local.Combine("known_hosts")));
    }

    [Fact]
    public async Task Chefs_on_one_host_run_side_by_side_when_the_role_allows_it()
    {
        var (hostDir, upstream) = await PrepareHostAsync();
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,role
            one,{upstream.Path},sleep 3; true,ck
            two,{upstream.Path},sleep 3; true,ck
            """);
        var config = await File.ReadAllTextAsync(_local.Combine("sushops.yaml"));
        var parallel = config.Replace("    chefs_dir:", "    max_parallel: 2\n    chefs_dir:");
        await File.WriteAllTextAsync(_local.Combine("sushops.yaml"), parallel);
        await SushOps("setup", "--all");

        var result = await SushOps("run", "--all");

        Assert.True(result.ExitCode == 0, result.Output);
        var one = await RecordOnHostAsync($"{hostDir}/chefs/one");
        var two = await RecordOnHostAsync($"{hostDir}/chefs/two");
        Assert.True(
            one.Start < two.End && two.Start < one.End,
            $"the runs did not overlap: one {one.Start:T}-{one.End:T}, two {two.Start:T}-{two.End:T}");
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_with_a_warning()
    {
        await PrepareHostAsync();
        var impostor = await SshKeygen.GenerateAsync(_local.Path, "impostor");
        await File.WriteAllTextAsync(
            _local.Combine("known_hosts"), $"[127.0.0.1]:{Server.Port} ssh-ed25519 {impostor.Base64}\n");

        var result = await SushOps("setup", "demo");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("HAS CHANGED", result.StandardOutput);
        Assert.Contains($"ssh-keygen -R '[127.0.0.1]:{Server.Port}'", result.StandardOutput);
    }

    [Fact]
    public async Task A_hashed_known_hosts_entry_is_accepted()
    {
        await PrepareHostAsync();
        await SshKeygen.HashKnownHostsAsync(_local.Combine("known_hosts"));
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(_local.Combine("known_hosts")));

        var result = await SushOps("setup", "demo");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task A_host_that_is_down_gives_exit_code_3_and_one_clear_line()
    {
        await PrepareHostAsync(port: FreePort());

        var result = await SushOps("setup", "demo");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("unreachable: connection refused (is sshd running on that port?)", result.StandardOutput);
    }

    [Theory]
    [InlineData("rsa", true, "")]
    [InlineData("ecdsa", false, "open sesame")]
    [InlineData("rsa", true, "open sesame")]
    public async Task Pem_and_passphrase_protected_keys_log_in(string type, bool pem, string passphrase)
    {
        await PrepareHostAsync();
        var key = await SshKeygen.GenerateAsync(_local.Path, "extra_key", type, passphrase: passphrase, pem: pem);
        await File.AppendAllTextAsync(Path.Combine(Server.Directory, "authorized_keys"), key.PublicKeyText + "\n");
        await WriteConfigAsync(Server.Port, key.PrivateKeyPath);

        var login = await SushOpsProcess.RunAsync(
            _local.Path,
            new Dictionary<string, string> { ["SUSHOPS_KEY_PASSPHRASE"] = passphrase },
            "setup", "demo");

        Assert.True(login.ExitCode == 0, login.Output);
        Assert.Contains($"[{HostName}] demo: changed: cloned", login.StandardOutput);
    }

    private async Task<(DateTimeOffset Start, DateTimeOffset End)> RecordOnHostAsync(string chefDir)
    {
        var text = (await Server.RunAsUserAsync($"cat {chefDir}/runs/*.json")).StandardOutput;
        using var record = JsonDocument.Parse(text);
        return (DateTimeOffset.Parse(record.RootElement.GetProperty("start").GetString()!, null),
            DateTimeOffset.Parse(record.RootElement.GetProperty("end").GetString()!, null));
    }

    private async Task<(string HostDir, ChefRepository Upstream)> PrepareHostAsync(int? port = null)
    {
        var hostDir = await Server.MakeUserDirectoryAsync("flow");
        var wheels = Path.Combine(hostDir, "wheels");
        WheelHouse.Build(wheels, "hello over ssh");
        var upstream = await ChefRepository.CreateAsync(
            Path.Combine(hostDir, "upstream"), WheelHouse.Requirements(wheels));
        await Server.GiveToUserAsync(hostDir);

        await File.WriteAllTextAsync(_local.Combine("token"), Token);
        await File.WriteAllTextAsync(_local.Combine("known_hosts"), await File.ReadAllTextAsync(Server.KnownHostsPath));
        await File.WriteAllTextAsync(_local.Combine("inventory.csv"), $"""
            chef_name,repo_url,command,role
            demo,{upstream.Path},python chef.py,ck
            """);
        await WriteConfigAsync(port ?? Server.Port, Server.ClientKeyPath, $"{hostDir}/chefs");
        return (hostDir, upstream);
    }

    private async Task WriteConfigAsync(int port, string identityFile, string? chefsDir = null)
    {
        var path = _local.Combine("sushops.yaml");
        chefsDir ??= File.Exists(path)
            ? (await File.ReadAllLinesAsync(path)).Single(l => l.Contains("chefs_dir")).Split(": ")[1]
            : "~/chefs";
        await File.WriteAllTextAsync(path, $"""
            roles:
              ck:
                hosts: ["{Server.User}@{Server.Host}:{port}"]
                chefs_dir: {chefsDir}
            ssh:
              identity_file: {identityFile}
              known_hosts: known_hosts
              connect_timeout: 5
            studio:
              url: https://studio.example.org
              token_file: token
            """);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_local.Path, arguments);
}
