using System.Globalization;
using SushOps.Targeting;

namespace SushOps.Health;

/// <summary>Judges what the doctor script found on a host. Pure: the facts are already gathered.</summary>
public static class HostHealth
{
    /// <summary>Fewer free inodes than this fail the check: every downloaded file takes one.</summary>
    public const long MinFreeInodes = 10_000;

    /// <summary>A host clock further off than this fails the check: cron fires at the wrong time.</summary>
    public static readonly TimeSpan MaxClockOffset = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The checks of <paramref name="host"/> from its <paramref name="facts"/>, with its clock's offset from
    /// this machine's and the least free disk that passes; with <paramref name="alerts"/> (a webhook is
    /// configured), curl too, which the runner posts alerts with.
    /// </summary>
    public static IReadOnlyList<HealthCheck> Judge(
        HostTarget host,
        IReadOnlyDictionary<string, string> facts,
        TimeSpan clockOffset,
        long minFreeBytes,
        bool alerts = false)
    {
        string Fact(string name) => facts.GetValueOrDefault(name, "");
        var python = host.Python;
        var checks = new List<HealthCheck>
        {
            new("login", true, host.IsLocal ? "this machine" : "logged in over SSH"),
            Present("git", Fact("git"), "sudo apt-get install git"),
            Present(python, Fact("python"),
                $"sudo apt-get install {python}, or set roles.{host.Role.Name}.python in the config"),
            Present("venv", Fact("venv"), $"sudo apt-get install {python}-venv"),
            Present("flock", Fact("flock"), "sudo apt-get install util-linux"),
            Present("crontab", Fact("crontab"), "sudo apt-get install cron"),
            Fact("cron_daemon") is { Length: > 0 } pid
                ? new HealthCheck("cron daemon", true, $"running (pid {pid})")
                : new HealthCheck("cron daemon", false, "not running",
                    "sudo systemctl enable --now cron (without systemd: sudo service cron start)"),
        };
        if (host.Role.Transcodes)
        {
            checks.Add(Present("ffmpeg", Fact("ffmpeg"), "sudo apt-get install ffmpeg"));
        }

        if (alerts)
        {
            checks.Add(Present("curl", Fact("curl"), "sudo apt-get install curl"));
        }

        checks.Add(Disk(Fact("where"), Fact("disk_free_kb"), minFreeBytes));
        checks.Add(Inodes(Fact("where"), Fact("inodes_free")));
        checks.Add(Clock(clockOffset));
        return checks;
    }

    private static HealthCheck Present(string name, string found, string fix) => found.Length > 0
        ? new HealthCheck(name, true, found)
        : new HealthCheck(name, false, "not found", fix);

    private static HealthCheck Disk(string where, string freeKb, long minFreeBytes)
    {
        if (!long.TryParse(freeKb, CultureInfo.InvariantCulture, out var kb))
        {
            return new HealthCheck("free disk", false, $"df could not measure {where}", "check that df works");
        }

        var gib = kb / 1024.0 / 1024.0;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{gib:0.#} GiB free in {where}");
        return kb * 1024 >= minFreeBytes
            ? new HealthCheck("free disk", true, detail)
            : new HealthCheck("free disk", false, detail + string.Create(CultureInfo.InvariantCulture,
                    $", below {minFreeBytes / 1024.0 / 1024 / 1024:0.#} GiB"),
                "free space there: ricecooker's storage/ and .ricecookerfilecache/ in the checkouts grow each run");
    }

    private static HealthCheck Inodes(string where, string free)
    {
        if (!long.TryParse(free, CultureInfo.InvariantCulture, out var inodes))
        {
            // Some file systems (btrfs) report no inode counts: nothing to run out of.
            return new HealthCheck("free inodes", true, "not counted by this file system");
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{inodes} free in {where}");
        return inodes >= MinFreeInodes
            ? new HealthCheck("free inodes", true, detail)
            : new HealthCheck("free inodes", false, detail, "remove cached files: each download takes an inode");
    }

    private static HealthCheck Clock(TimeSpan offset)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"{offset.TotalSeconds:+0;-0;0} s from this machine");
        return offset.Duration() <= MaxClockOffset
            ? new HealthCheck("clock", true, detail)
            : new HealthCheck("clock", false, detail, "sudo apt-get install systemd-timesyncd (or chrony)");
    }
}
