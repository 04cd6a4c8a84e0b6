namespace SushOps.Inventories;

/// <summary>Where and when an inventory was read, and what a person should know about that read.</summary>
/// <param name="Source">The file, URL or sheet, as messages name it.</param>
/// <param name="Way">How it was read: a file, a CSV export, the Sheets API as someone, a URL.</param>
/// <param name="FetchedAt">When its rows were fetched; for a cached copy, when that copy was fetched.</param>
/// <param name="FromCache">True when the last good copy was used instead of the source itself.</param>
/// <param name="Warnings">Why the cached copy was used, or anything else worth acting on.</param>
public sealed record InventoryOrigin(
    string Source,
    string Way,
    DateTimeOffset FetchedAt,
    bool FromCache,
    IReadOnlyList<string> Warnings);
