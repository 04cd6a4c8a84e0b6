namespace SushOps.Studio;

/// <summary>Studio's comparison of a staged tree with the live tree (<c>api/get_node_diff</c>).</summary>
/// <param name="Generated">When Studio made the diff, as Studio wrote it.</param>
/// <param name="Stats">One row per field.</param>
public sealed record NodeDiff(string? Generated, IReadOnlyList<DiffStat> Stats)
{
    /// <summary>The row of <paramref name="field"/>, or null when the diff has none.</summary>
    public DiffStat? Find(string field) => Stats.FirstOrDefault(s => s.Field == field);
}
