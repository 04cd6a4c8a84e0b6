using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>doctor on this machine and over SSH: real tools found, a missing python and a disk threshold.</summary>
[Collection(SshServerCollection.Name)]
public sealed class DoctorFlowTests(SshServerFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new("sushops-doctor");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_missing_python_and_too_little_disk_are_named_with_their_fixes_and_exit_1()
    {
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            roles:
              local:
                chefs_dir: {_dir.Combine("chefs")}
                python: python3.99
            """);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), "chef_name,repo_url,command\nfine,x,true\n");

        var result = await SushOpsProcess.RunAsync(_dir.Path, "doctor", "--min-free-gb", "1000000000", "--json");

        Assert.True(result.ExitCode == 1, result.Output);
        var checks = Checks(result.StandardOutput, "local");
        Assert.True(checks["git"].GetProperty("ok").GetBoolean());
        Assert.True(checks["flock"].GetProperty("ok").GetBoolean());
        var python = checks["python3.99"];
        Assert.False(python.GetProperty("ok").GetBoolean());
        Assert.Contains("set roles.local.python", python.GetProperty("fix").GetString());
        Assert.False(checks["venv"].GetProperty("ok").GetBoolean());
        Assert.False(checks["free disk"].GetProperty("ok").GetBoolean());
        Assert.Contains("GiB free in", checks["free disk"].GetProperty("detail").GetString());
        Assert.True(checks["clock"].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Doctor_over_ssh_finds_what_the_host_has()
    {
        var server = fixture.Server;
        var hostName = $"{server.User}@{server.Host}:{server.Port}";
        await File.WriteAllTextAsync(_dir.Combine("known_hosts"), await File.ReadAllTextAsync(server.KnownHostsPath));
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            roles:
              ck:
                hosts: ["{hostName}"]
                chefs_dir: ~/doctor-chefs
                transcodes: true
            ssh:
              identity_file: {server.ClientKeyPath}
              known_hosts: known_hosts
            """);
        await File.WriteAllTextAsync(
            _dir.Combine("inventory.csv"), "chef_name,repo_url,command,role\nfine,x,true,ck\n");

        var result = await SushOpsProcess.RunAsync(_dir.Path, "doctor", "--json");

        Assert.True(result.StandardOutput.Length > 0, result.Output);
        var checks = Checks(result.StandardOutput, hostName);
        Assert.Equal("logged in over SSH", checks["login"].GetProperty("detail").GetString());
        foreach (var name in new[] { "git", "python3", "venv", "flock", "crontab", "free inodes", "clock" })
        {
            Assert.True(checks[name].GetProperty("ok").GetBoolean(), $"{name}: {checks[name]}");
        }

        var ffmpeg = checks["ffmpeg"];
        var hasFfmpeg = (await server.RunAsUserAsync("command -v ffmpeg")).ExitCode == 0;
        Assert.Equal(hasFfmpeg, ffmpeg.GetProperty("ok").GetBoolean());
    }

    private static Dictionary<string, JsonElement> Checks(string json, string host)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement.GetProperty("hosts").EnumerateArray()
            .Single(h => h.GetProperty("host").GetString() == host);
        return report.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    }
}
