namespace SushOps.Studio;

/// <summary>The answer of one node diff request.</summary>
/// <param name="Status">Ready, still generating, or not available.</param>
/// <param name="Diff">The diff when ready.</param>
public sealed record NodeDiffLookup(NodeDiffStatus Status, NodeDiff? Diff = null);
