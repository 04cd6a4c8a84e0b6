namespace SushOps.Inventories;

/// <summary>The last good copy of a remote inventory: the rows as fetched, with where and when.</summary>
/// <param name="Source">The sheet or URL it came from.</param>
/// <param name="Way">How it was read then.</param>
/// <param name="FetchedAt">When it was fetched.</param>
/// <param name="Lines">Its rows with their row numbers.</param>
public sealed record CachedInventory(
    string Source,
    string Way,
    DateTimeOffset FetchedAt,
    IReadOnlyList<InventoryLine> Lines);
