namespace SushOps.Plans;

/// <summary>What a run needs beyond the chef: Studio's address and token, and extra arguments.</summary>
/// <param name="StudioUrl">Passed to the chef as STUDIO_URL, when set.</param>
/// <param name="StudioToken">Copied to the host and passed as <c>--token=FILE</c>, when set.</param>
/// <param name="ExtraArguments">Appended to the chef's command, each quoted as one word.</param>
public sealed record RunOptions(string? StudioUrl, Secret? StudioToken, IReadOnlyList<string> ExtraArguments)
{
    /// <summary>Start the chef in the background on its host and return at once.</summary>
    public bool Detach { get; init; }

    /// <summary>A run with no Studio settings and no extra arguments.</summary>
    public static RunOptions None { get; } = new(null, null, []);
}
