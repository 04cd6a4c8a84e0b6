namespace SushOps.Status;

/// <summary>What a chef's remote repository advertises: its branches' commits and its default branch.</summary>
/// <param name="Branches">Commit of each branch, by short name.</param>
/// <param name="DefaultBranch">The branch the remote's HEAD points at, when it says.</param>
/// <param name="Problem">Why the remote could not be read; null when it was.</param>
public sealed record RemoteHead(
    IReadOnlyDictionary<string, string> Branches,
    string? DefaultBranch,
    string? Problem = null)
{
    /// <summary>The commit of <paramref name="branch"/>, or of the default branch when null.</summary>
    public string? CommitOf(string? branch) =>
        (branch ?? DefaultBranch) is { } name && Branches.TryGetValue(name, out var commit) ? commit : null;
}
