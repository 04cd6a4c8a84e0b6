using System.Net.Sockets;
using Renci.SshNet;
using SushOps.Hosts;
using SushOps.Shell;

namespace SushOps.Tests.Infrastructure;

[Collection(SshServerCollection.Name)]
public sealed class SshServerTests(SshServerFixture fixture)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSSH_client_logs_in_with_the_client_key_and_strict_host_key_checking()
    {
        var server = fixture.Server;

        var result = await RunSshAsync(server, "id -un");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("sushops-test\n", result.StandardOutput);
    }

    [Fact]
    public async Task OpenSSH_client_refuses_the_server_when_known_hosts_holds_another_key()
    {
        var server = fixture.Server;
        var otherDirectory = Directory.CreateTempSubdirectory("sushops-other-key-");
        try
        {
            var otherKey = await SshKeygen.GenerateAsync(
                otherDirectory.FullName, "other", "ed25519", _cancellationToken);
            var knownHosts = Path.Combine(otherDirectory.FullName, "known_hosts");
            var line = $"[{server.Host}]:{server.Port} {otherKey.PublicKeyText}\n";
            await File.WriteAllTextAsync(knownHosts, line, _cancellationToken);

            var result = await RunSshAsync(server, "id -un", knownHosts);

            Assert.Equal(255, result.ExitCode);
            Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            otherDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ssh_net_logs_in_with_the_client_key_and_finds_the_host_key_in_known_hosts()
    {
        var server = fixture.Server;
        var knownHosts = KnownHosts.Load(server.KnownHostsPath);
        HostKeyVerdict? verdict = null;
        using var key = new PrivateKeyFile(server.ClientKeyPath);
        using var client = new SshClient(server.Host, server.Port, server.User, key);
        client.HostKeyReceived += (_, e) =>
        {
            verdict = knownHosts.Check(server.Host, server.Port, e.HostKeyName, e.HostKey);
            e.CanTrust = verdict == HostKeyVerdict.Known;
        };

        await client.ConnectAsync(_cancellationToken);
        using var command = client.CreateCommand("id -un");
        await command.ExecuteAsync(_cancellationToken);

        Assert.Equal(HostKeyVerdict.Known, verdict);
        Assert.Equal(0, command.ExitStatus);
        Assert.Equal("sushops-test\n", command.Result);
    }

    [Fact]
    public async Task Commands_run_as_the_test_user_in_its_home()
    {
        var server = fixture.Server;

        var result = await server.RunAsUserAsync("id -un; pwd", _cancellationToken);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal($"sushops-test\n{server.UserHome}\n", result.StandardOutput);
    }

    [Fact]
    public async Task User_directory_is_writable_over_ssh_and_shows_root_made_files_to_the_user()
    {
        var server = fixture.Server;
        var directory = await server.MakeUserDirectoryAsync("chefs", _cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "made-by-root"), "tuna\n", _cancellationToken);

        var written = await RunSshAsync(server, $"echo salmon > {Quote(directory, "made-over-ssh")}");
        var read = await server.RunAsUserAsync(
            $"cat {Quote(directory, "made-by-root")} {Quote(directory, "made-over-ssh")}", _cancellationToken);

        Assert.StartsWith(server.UserHome + "/chefs-", directory, StringComparison.Ordinal);
        Assert.True(written.ExitCode == 0, written.Output);
        Assert.True(read.ExitCode == 0, read.Output);
        Assert.Equal("tuna\nsalmon\n", read.StandardOutput);
    }

    [Fact]
    public async Task Repository_built_by_root_clones_over_ssh_once_given_to_the_user()
    {
        var server = fixture.Server;
        TestRequirement.Require(File.Exists("/usr/bin/git") ? null : "/usr/bin/git is missing; install git");
        var directory = await server.MakeUserDirectoryAsync("repos", _cancellationToken);
        var repository = Path.Combine(directory, "chef");
        await ProcessRunner.RunCheckedAsync("git", ["init", "-q", "-b", "main", repository], null, _cancellationToken);
        string[] commit =
        [
            "-C", repository, "-c", "user.name=Root", "-c", "user.email=root@localhost",
            "commit", "-q", "--allow-empty", "-m", "First chef",
        ];
        await ProcessRunner.RunCheckedAsync("git", commit, null, _cancellationToken);

        await server.GiveToUserAsync(repository, _cancellationToken);
        var clone = await RunSshAsync(
            server,
            $"git clone -q {Quote(repository)} {Quote(directory, "clone")}"
            + $" && git -C {Quote(directory, "clone")} log --format=%s");

        Assert.True(clone.ExitCode == 0, clone.Output);
        Assert.Equal("First chef\n", clone.StandardOutput);
    }

    [Fact]
    public async Task Stopped_server_refuses_connections_and_disposing_removes_its_directory()
    {
        SshServer.SkipUnlessAvailable();
        var server = await SshServer.StartAsync(_cancellationToken);
        using (var before = new TcpClient())
        {
            await before.ConnectAsync(server.Host, server.Port, _cancellationToken);
        }

        await server.StopAsync(_cancellationToken);
        using var after = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(
            async () => await after.ConnectAsync(server.Host, server.Port, _cancellationToken));
        await server.DisposeAsync();

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.False(Directory.Exists(server.Directory));
    }

    private static string Quote(params string[] pathParts) => ShellQuote.Quote(Path.Combine(pathParts));

    /// <summary>The real OpenSSH client, ignoring root's own ssh config and trusting only the given file.</summary>
    private Task<ProcessResult> RunSshAsync(SshServer server, string command, string? knownHostsPath = null) =>
        ProcessRunner.RunAsync(
            "ssh",
            [
                "-F", "/dev/null",
                "-i", server.ClientKeyPath,
                "-o", $"UserKnownHostsFile={knownHostsPath ?? server.KnownHostsPath}",
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{server.User}@{server.Host}",
                command,
            ],
            cancellationToken: _cancellationToken);
}
