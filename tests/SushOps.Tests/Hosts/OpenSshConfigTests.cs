using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

/// <summary>Host names resolved through an ssh_config file by the real <c>ssh -G</c>, sushops' own first.</summary>
public sealed class OpenSshConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new("sushops-ssh-config");
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public OpenSshConfigTests() => TestRequirement.Require(
        File.Exists("/usr/bin/ssh") ? null : "/usr/bin/ssh is missing; install the openssh-client package");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_alias_takes_host_name_user_port_and_identity_file_from_ssh_config()
    {
        var key = await KeyAsync("work_key");
        var settings = await SettingsAsync($"""
            Host work
              HostName 192.0.2.17
              User deploy
              Port 2201
              IdentityFile {key}
            """);

        var route = await new OpenSshConfig(settings).ResolveAsync(new HostAddress("work"), _cancellationToken);

        Assert.Empty(route.Jumps);
        Assert.Equal(("work", "192.0.2.17", 2201, "deploy"), Parts(route.Target));
        Assert.Equal([key], route.Target.IdentityFile!);
    }

    [Fact]
    public async Task The_command_line_and_the_sushops_config_win_over_ssh_config()
    {
        var key = await KeyAsync("work_key");
        var settings = await SettingsAsync($"""
            Host work
              HostName 192.0.2.17
              User deploy
              Port 2201
              IdentityFile {key}
            """);
        var own = Path.Combine(_directory.Path, "own_key");

        var fromAddress = await new OpenSshConfig(settings with { IdentityFile = own })
            .ResolveAsync(new HostAddress("work", "chef", 2222), _cancellationToken);
        var fromCommandLine = await new OpenSshConfig(settings with { User = "operator" })
            .ResolveAsync(new HostAddress("work", "chef"), _cancellationToken);

        Assert.Equal(("192.0.2.17", 2222, "chef"), (fromAddress.Target.HostName, fromAddress.Target.Port,
            fromAddress.Target.User));
        Assert.Equal([own], fromAddress.Target.IdentityFile!);
        Assert.Equal(("operator", 2201), (fromCommandLine.Target.User, fromCommandLine.Target.Port));
        Assert.Equal([key], fromCommandLine.Target.IdentityFile!);
    }

    [Fact]
    public async Task Proxy_jump_lists_every_jump_host_resolved_through_ssh_config_first_hop_first()
    {
        var settings = await SettingsAsync("""
            Host inner
              HostName 10.9.0.5
              ProxyJump middle,carol@edge2:2022
            Host middle
              HostName 10.9.0.1
              User bastion
              ProxyJump edge1
            Host edge1
              HostName 198.51.100.1
              Port 2200
            """);

        var route = await new OpenSshConfig(settings).ResolveAsync(new HostAddress("inner"), _cancellationToken);

        Assert.Equal(
            [
                ("edge1", "198.51.100.1", 2200, Environment.UserName),
                ("middle", "10.9.0.1", 22, "bastion"),
                ("edge2", "edge2", 2022, "carol"),
            ],
            route.Jumps.Select(Parts));
        Assert.Equal(("inner", "10.9.0.5", 22, Environment.UserName), Parts(route.Target));
    }

    [Fact]
    public async Task An_identity_file_that_does_not_exist_is_passed_over_as_OpenSSH_does()
    {
        var settings = await SettingsAsync("""
            Host work
              IdentityFile ~/no-such-key-for-sushops
            """);

        var route = await new OpenSshConfig(settings).ResolveAsync(new HostAddress("work"), _cancellationToken);

        Assert.Null(route.Target.IdentityFile);
    }

    [Fact]
    public async Task A_host_without_ssh_config_entries_keeps_its_own_name_and_the_usual_keys()
    {
        var settings = await SettingsAsync("Host other\n  User someone\n");

        var route = await new OpenSshConfig(settings).ResolveAsync(
            new HostAddress("ck1.example.org", "chef"), _cancellationToken);

        Assert.Equal(new SshEndpoint("ck1.example.org", "ck1.example.org", 22, "chef", null), route.Target);
    }

    [Fact]
    public async Task A_proxy_command_is_refused_with_a_pointer_to_proxy_jump()
    {
        var settings = await SettingsAsync("Host work\n  ProxyCommand nc %h %p\n");

        var error = await Assert.ThrowsAsync<HostUnreachableException>(
            () => new OpenSshConfig(settings).ResolveAsync(new HostAddress("work"), _cancellationToken));

        Assert.Contains("ProxyCommand nc %h %p, which sushops cannot run; use ProxyJump", error.Message);
        Assert.False(error.MayPass);
    }

    [Fact]
    public async Task A_broken_ssh_config_is_reported_with_what_OpenSSH_said()
    {
        var settings = await SettingsAsync("Host work\n  Frobnicate yes\n");

        var error = await Assert.ThrowsAsync<HostUnreachableException>(
            () => new OpenSshConfig(settings).ResolveAsync(new HostAddress("work"), _cancellationToken));

        Assert.Contains("Bad configuration option: frobnicate", error.Message);
        Assert.Contains("ssh.config_file", error.Message);
    }

    [Fact]
    public async Task Config_file_none_reads_no_ssh_config()
    {
        var settings = await SettingsAsync("Host work\n  HostName 192.0.2.17\n") with
        {
            ConfigFile = SshSettings.NoConfigFile,
        };

        var route = await new OpenSshConfig(settings).ResolveAsync(new HostAddress("work"), _cancellationToken);

        Assert.Equal("work", route.Target.HostName);
    }

    [Fact]
    public async Task Each_host_is_asked_about_once_however_often_it_is_resolved()
    {
        var settings = await SettingsAsync("Host work\n  HostName 192.0.2.17\n");
        var calls = Path.Combine(_directory.Path, "calls");
        var counting = Path.Combine(_directory.Path, "counting-ssh");
        await File.WriteAllTextAsync(counting, $"#!/bin/sh\necho \"$*\" >> {calls}\nexec /usr/bin/ssh \"$@\"\n");
        File.SetUnixFileMode(counting, (UnixFileMode)0b111_101_101);
        var resolver = new OpenSshConfig(settings, counting);

        for (var i = 0; i < 3; i++)
        {
            await resolver.ResolveAsync(new HostAddress("work"), _cancellationToken);
        }

        await resolver.ResolveAsync(new HostAddress("other"), _cancellationToken);

        var lines = await File.ReadAllLinesAsync(calls, _cancellationToken);
        Assert.Single(lines, l => l.EndsWith("-- work", StringComparison.Ordinal));
        Assert.Single(lines, l => l.EndsWith("-- other", StringComparison.Ordinal));
    }

    private async Task<string> KeyAsync(string name) =>
        (await SshKeygen.GenerateAsync(_directory.Path, name, cancellationToken: _cancellationToken)).PrivateKeyPath;

    private async Task<SshSettings> SettingsAsync(string sshConfig)
    {
        var path = Path.Combine(_directory.Path, "ssh_config");
        await File.WriteAllTextAsync(path, sshConfig + "\n", _cancellationToken);
        return SshSettings.Default with { ConfigFile = path };
    }

    private static (string, string, int, string) Parts(SshEndpoint endpoint) =>
        (endpoint.Name, endpoint.HostName, endpoint.Port, endpoint.User);
}
