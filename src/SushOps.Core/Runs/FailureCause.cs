namespace SushOps.Runs;

/// <summary>Why a run failed, as far as its record and the end of its log tell.</summary>
/// <param name="Id">A short stable name for machines, such as <c>studio_quota</c>.</param>
/// <param name="Description">The cause in words, for people; with the telling log line where it helps.</param>
public sealed record FailureCause(string Id, string Description);
