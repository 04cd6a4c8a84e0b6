namespace SushOps.Inventories;

/// <summary>How a remote inventory may be read: fresh, or from its last good copy.</summary>
public sealed record InventoryLoadOptions
{
    /// <summary>Use the last good copy and do not fetch (<c>--offline</c>).</summary>
    public bool Offline { get; init; }

    /// <summary>A last good copy older than this is an error, not a fallback (<c>--max-inventory-age</c>).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Where last good copies are kept.</summary>
    public string CacheDirectory { get; init; } = InventoryCache.DefaultDirectory;

    /// <summary>The clock that dates fetches and ages copies.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How 429 answers are retried.</summary>
    public Sheets.QuotaRetry Retry { get; init; } = Sheets.QuotaRetry.Default;
}
