using Serilog;
using SushOps.Configuration;
using SushOps.Sheets;

namespace SushOps.Inventories;

/// <summary>
/// Loads an inventory from wherever it lives: a CSV file, a URL that answers with CSV, or a Google Sheet
/// (its CSV export, or the Sheets API when the config gives credentials). Rows from every source go through
/// <see cref="InventoryLoader.FromLines"/>. A remote inventory that loads and validates becomes the last good
/// copy; when the source cannot be fetched or fails validation, that copy is used and a warning says why.
/// </summary>
public static class InventoryReader
{
    /// <summary>Loads and validates the inventory that <paramref name="address"/> names.</summary>
    public static async Task<Inventory> LoadAsync(
        string address,
        SushOpsConfig config,
        InventoryLoadOptions options,
        CancellationToken cancellationToken)
    {
        var source = InventorySource.Parse(address);
        if (source.Kind == InventorySourceKind.File)
        {
            var inventory = InventoryLoader.Load(address);
            var written = File.GetLastWriteTimeUtc(address);
            return inventory with { Origin = new InventoryOrigin(address, "file", written, false, []) };
        }

        var cache = new InventoryCache(options.CacheDirectory);
        if (options.Offline)
        {
            return FromCache(source, cache, options, "--offline was given")
                ?? throw new SushOpsException(
                    $"--offline: there is no last good copy of {source.Name} in {cache.Directory} yet; "
                    + "run once without --offline while the source can be reached");
        }

        return await FetchAsync(source, cache, config, options, cancellationToken);
    }

    private static async Task<Inventory> FetchAsync(
        InventorySource source,
        InventoryCache cache,
        SushOpsConfig config,
        InventoryLoadOptions options,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<InventoryLine> lines;
        string way;
        try
        {
            (lines, way) = await FetchLinesAsync(source, config, options.Retry, cancellationToken);
        }
        catch (SushOpsException e) when (e is not InventoryException)
        {
            var fallback = FromCache(source, cache, options, e.Message);
            return fallback ?? throw new SushOpsException(e.Message, e.ExitCode, e);
        }

        Inventory inventory;
        try
        {
            // A path in a remote inventory has no folder of its own; it is taken from where sushops runs.
            inventory = InventoryLoader.FromLines(lines, source.Name, Environment.CurrentDirectory);
        }
        catch (InventoryException e)
        {
            var errors = e.Errors.Select(error => Environment.NewLine + "  " + error.Render(source.Name));
            var reason = $"it now has {e.Errors.Count} error(s), and its last good copy is kept and used "
                + "until they are fixed:" + string.Concat(errors);
            var fallback = FromCache(source, cache, options, reason);
            if (fallback is null)
            {
                throw;
            }

            return fallback;
        }

        var now = options.Clock.GetUtcNow();
        cache.Write(source, new CachedInventory(source.Name, way, now, lines));
        Log.Debug("Read {Count} chefs from {Source} ({Way})", inventory.Chefs.Count, source.Name, way);
        return inventory with { Origin = new InventoryOrigin(source.Name, way, now, false, []) };
    }

    private static async Task<(IReadOnlyList<InventoryLine> Lines, string Way)> FetchLinesAsync(
        InventorySource source,
        SushOpsConfig config,
        QuotaRetry retry,
        CancellationToken cancellationToken)
    {
        if (source.Kind == InventorySourceKind.Sheet && config.Google.UsesApi)
        {
            using var api = SheetsApiClient.Create(config.Google, config.Source, retry);
            return (await api.ReadAsync(source.Sheet!, cancellationToken), api.Access.Describe());
        }

        using var download = new CsvDownload { Retry = retry };
        return source.Kind == InventorySourceKind.Sheet
            ? (await download.ReadSheetAsync(source.Sheet!, config.Google.ExportBaseUrl, cancellationToken),
                "CSV export of a link-shared sheet")
            : (await download.ReadUrlAsync(source.Url!, cancellationToken), "CSV over HTTP");
    }

    /// <summary>
    /// The inventory from the last good copy, with a warning that says why and how old it is; null when
    /// there is no copy. A copy older than the allowed age is an error.
    /// </summary>
    private static Inventory? FromCache(
        InventorySource source,
        InventoryCache cache,
        InventoryLoadOptions options,
        string reason)
    {
        if (cache.Read(source) is not { } copy)
        {
            return null;
        }

        var age = options.Clock.GetUtcNow() - copy.FetchedAt;
        var fetched = copy.FetchedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'");
        if (options.MaxAge is { } maxAge && age > maxAge)
        {
            throw new SushOpsException(
                $"{reason}{Environment.NewLine}The last good copy of {source.Name} is "
                + $"{InventoryAge.Describe(age)} old "
                + $"(fetched {fetched}), older than --max-inventory-age allows ({InventoryAge.Describe(maxAge)}); "
                + "fix the reason above, or allow an older copy");
        }

        var warning = $"Using the last good copy of {source.Name}, fetched {fetched} "
            + $"({InventoryAge.Describe(age)} ago): {reason}";
        Log.Warning("{Warning}", warning);
        var inventory = InventoryLoader.FromLines(copy.Lines, source.Name, Environment.CurrentDirectory);
        return inventory with { Origin = new InventoryOrigin(source.Name, copy.Way, copy.FetchedAt, true, [warning]) };
    }
}
