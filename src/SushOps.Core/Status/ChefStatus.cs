using SushOps.Runs;
using SushOps.Targeting;

namespace SushOps.Status;

/// <summary>The state of one chef on one host: one row of <c>sushops status</c>.</summary>
public sealed record ChefStatus(Target Target)
{
    /// <summary>Why the host's facts are missing (unreachable, or the facts script failed); null when known.</summary>
    public string? Problem { get; init; }

    /// <summary>True when the chef has a checkout and a virtualenv on the host.</summary>
    public bool SetUp { get; init; }

    /// <summary>The commit deployed on the host.</summary>
    public string? Commit { get; init; }

    /// <summary>The branch the host's checkout is on.</summary>
    public string? Branch { get; init; }

    /// <summary>The commit at the head of the remote branch the chef follows, when the remote could be read.</summary>
    public string? RemoteCommit { get; init; }

    /// <summary>Why the remote could not be read.</summary>
    public string? RemoteProblem { get; init; }

    /// <summary>The chef's process group while it runs.</summary>
    public int? RunningPid { get; init; }

    /// <summary>When the run going on started.</summary>
    public DateTimeOffset? RunningSince { get; init; }

    /// <summary>The newest runs (<see cref="FactsScript.Records"/> at most), newest first, skipped ones too.</summary>
    public IReadOnlyList<RunRecord> History { get; init; } = [];

    /// <summary>The newest run that was not a skipped start.</summary>
    public RunRecord? LastRun { get; init; }

    /// <summary>When a start was last skipped because the chef was still running, if after the last run.</summary>
    public DateTimeOffset? SkippedAt { get; init; }

    /// <summary>Why the last run did not succeed.</summary>
    public FailureCause? Cause { get; init; }

    /// <summary>The schedule of the cron entry installed on the host.</summary>
    public string? Schedule { get; init; }

    /// <summary>When that entry fires next.</summary>
    public DateTimeOffset? NextRun { get; init; }

    /// <summary>
    /// When the installed schedule last said the chef should have started, if no run (not even a skipped start)
    /// began then or since: cron did not start it, so a dead-man's switch should speak.
    /// </summary>
    public DateTimeOffset? MissedRun { get; init; }

    /// <summary>Free space in the host's chefs directory, in bytes.</summary>
    public long? DiskFreeBytes { get; init; }

    /// <summary>True when the remote branch's head is not the deployed commit: an update would change it.</summary>
    public bool IsBehindRemote =>
        RemoteCommit is not null && Commit is { Length: > 0 } commit && commit != RemoteCommit;

    /// <summary>True when the last run failed or timed out.</summary>
    public bool LastRunFailed => LastRun?.IsFailure == true;
}
