using SushOps.Runs;
using SushOps.Targeting;

namespace SushOps.Status;

/// <summary>Turns what a host reported into status rows. Pure: the facts are already gathered.</summary>
public static class StatusRows
{
    /// <summary>How long after a scheduled time a run may still be on its way before it counts as missed.</summary>
    public static readonly TimeSpan MissedGrace = TimeSpan.FromMinutes(5);

    /// <summary>The row of <paramref name="target"/> from its host's facts and its own.</summary>
    public static ChefStatus Build(Target target, HostFacts host, ChefFacts chef)
    {
        var records = chef.RunRecords();
        var lastRun = records.FirstOrDefault(r => r.Result != RunResult.Skipped);
        var schedule = InstalledSchedule.Of(host.CrontabText, target.Chef.Name);
        var zone = CronZone(target.Host, host);
        return new ChefStatus(target)
        {
            SetUp = chef.Setup,
            Commit = chef.Commit.Length > 0 ? chef.Commit : null,
            Branch = chef.BranchName,
            RunningPid = chef.RunningPid,
            RunningSince = chef.RunningPid is null ? null : RunRecord.TimeOfName(chef.RunningRun),
            History = records,
            LastRun = lastRun,
            SkippedAt = records.FirstOrDefault() is { Result: RunResult.Skipped } skipped ? skipped.Start : null,
            Cause = lastRun is null ? null : FailureCauses.Diagnose(lastRun, chef.LogTailLines),
            Schedule = schedule,
            NextRun = schedule is null ? null : InstalledSchedule.Next(schedule, zone, host.Clock),
            MissedRun = chef.RunningPid is null && schedule is not null
                ? Missed(InstalledSchedule.Previous(schedule, zone, host.Clock - MissedGrace), records)
                : null,
            DiskFreeBytes = host.DiskFreeKb * 1024,
        };
    }

    /// <summary>The row with the remote branch's head, or why the remote could not be read.</summary>
    public static ChefStatus WithRemote(ChefStatus row, RemoteHead remote)
    {
        if (remote.Problem is { } problem)
        {
            return row with { RemoteProblem = problem };
        }

        // The branch followed: the inventory's, else the one the checkout is on, else the remote's default.
        var branch = row.Target.Chef.Branch ?? row.Branch;
        var commit = remote.CommitOf(branch);
        return commit is null
            ? row with { RemoteProblem = $"the remote has no branch {branch ?? "HEAD"}" }
            : row with { RemoteCommit = commit };
    }

    // A start within a minute before the due time still counts: the clocks of cron and the runner differ a little.
    private static DateTimeOffset? Missed(DateTimeOffset? due, IReadOnlyList<RunRecord> records) =>
        due is { } time && !(records.FirstOrDefault()?.Start >= time - TimeSpan.FromMinutes(1)) ? time : null;

    // cron runs entries in the host's local time: the role's time zone when the config names one, else the
    // host's current offset from UTC (which ignores a daylight saving change before the next run).
    private static TimeZoneInfo CronZone(HostTarget target, HostFacts host) =>
        target.Role.TimeZone is { } zone
            ? TimeZoneInfo.FindSystemTimeZoneById(zone)
            : TimeZoneInfo.CreateCustomTimeZone("host", host.Offset, "host", "host");
}
