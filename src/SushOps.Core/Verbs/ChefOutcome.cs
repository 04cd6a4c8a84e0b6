using SushOps.Targeting;

namespace SushOps.Verbs;

/// <summary>What one verb did to one chef on one host.</summary>
/// <param name="Target">The chef and host.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">What happened, in words: the changes made, or why it failed.</param>
/// <param name="ExitCode">The exit code of the host script, when it ran.</param>
/// <param name="LogPath">The run's log on the host, for runs.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record ChefOutcome(
    Target Target,
    OutcomeStatus Status,
    string Detail,
    int? ExitCode = null,
    string? LogPath = null,
    TimeSpan Elapsed = default)
{
    /// <summary>The status and the detail on one line, as the per-chef result line shows it.</summary>
    public string Summary => $"{Status.ToString().ToLowerInvariant()}: {Detail}";
}
