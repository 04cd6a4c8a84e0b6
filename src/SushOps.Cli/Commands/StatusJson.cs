using SushOps.Runs;
using SushOps.Status;

namespace SushOps.Cli.Commands;

/// <summary>One chef's status as <c>status --json</c> prints it.</summary>
internal sealed record StatusJson(
    string Chef,
    string Host,
    string? Problem,
    bool? SetUp,
    string? Commit,
    string? Branch,
    string? RemoteCommit,
    bool? BehindRemote,
    string? RemoteProblem,
    StatusJson.Running? RunningNow,
    StatusJson.Run? LastRun,
    DateTimeOffset? SkippedAt,
    string? Schedule,
    DateTimeOffset? NextRun,
    DateTimeOffset? MissedRun,
    long? DiskFreeBytes)
{
    public static StatusJson Of(ChefStatus row)
    {
        var known = row.Problem is null;
        return new StatusJson(
            row.Target.Chef.Name,
            row.Target.Host.Name,
            row.Problem,
            known ? row.SetUp : null,
            row.Commit,
            row.Branch,
            row.RemoteCommit,
            known && row.RemoteCommit is not null ? row.IsBehindRemote : null,
            row.RemoteProblem,
            row.RunningPid is { } pid ? new Running(pid, row.RunningSince) : null,
            row.LastRun is { } last ? Run.Of(last, row.Cause) : null,
            row.SkippedAt,
            row.Schedule,
            row.NextRun,
            row.MissedRun,
            row.DiskFreeBytes);
    }

    public sealed record Running(int Pid, DateTimeOffset? Since);

    public sealed record Run(
        string Name,
        string Result,
        int? ExitCode,
        string Trigger,
        DateTimeOffset? Start,
        DateTimeOffset? End,
        double? Seconds,
        string? Commit,
        FailureCause? Cause,
        RunPromotion? Promotion)
    {
        public static Run Of(RunRecord record, FailureCause? cause) => new(
            record.Name,
            record.ResultText,
            record.ExitCode,
            record.Trigger,
            record.Start,
            record.End,
            record.Duration?.TotalSeconds,
            record.Commit,
            cause,
            record.Promotion);
    }

    /// <summary>What <c>status --json</c> prints.</summary>
    internal sealed record Document(int ExitCode, IReadOnlyList<StatusJson> Chefs);
}
