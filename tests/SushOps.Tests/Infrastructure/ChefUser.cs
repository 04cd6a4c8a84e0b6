namespace SushOps.Tests.Infrastructure;

/// <summary>
/// A second local user, <see cref="Name"/>, with a password, that the SSH test user may act as through sudo
/// (asked for the chef user's password, sudo's <c>targetpw</c>): the host side of a role with <c>become</c>.
/// Created once per machine with sudo installed (apt-get when missing) and kept, like the SSH test user.
/// </summary>
public static class ChefUser
{
    /// <summary>The chef user.</summary>
    public const string Name = "sushops-chef";

    /// <summary>Its password, which sudo asks for.</summary>
    public const string Password = "chef-password-4e8d21";

    private const string Sudoers = "/etc/sudoers.d/sushops-test";
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static string? _home;

    /// <summary>Makes sure sudo, the user and the sudoers rule exist; returns the user's home directory.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Lock.WaitAsync();
        try
        {
            return _home ??= await PrepareAsync();
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Runs a shell command as the chef user in its home.</summary>
    public static Task<ProcessResult> RunAsync(string shellCommand) =>
        ProcessRunner.RunAsync("su", ["-s", "/bin/sh", Name, "-c", shellCommand], null, _home);

    private static async Task<string> PrepareAsync()
    {
        if (!File.Exists("/usr/bin/sudo"))
        {
            string[] install = ["DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "sudo"];
            if ((await ProcessRunner.RunAsync("env", install)).ExitCode != 0)
            {
                await ProcessRunner.RunCheckedAsync("apt-get", ["update", "-qq"]);
                await ProcessRunner.RunCheckedAsync("env", install);
            }
        }

        if ((await ProcessRunner.RunAsync("id", ["-u", Name])).ExitCode != 0)
        {
            await ProcessRunner.RunAsync("useradd", ["-m", "-s", "/bin/sh", Name]);
        }

        await ProcessRunner.RunCheckedAsync("chpasswd", [], $"{Name}:{Password}\n");
        await File.WriteAllTextAsync(Sudoers, $"""
            Defaults:{SshServer.TestUser} targetpw, lecture=never
            {SshServer.TestUser} ALL=({Name}) ALL

            """);
        File.SetUnixFileMode(Sudoers, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var entry = await ProcessRunner.RunCheckedAsync("getent", ["passwd", Name]);
        return entry.StandardOutput.Trim().Split(':')[5];
    }
}
