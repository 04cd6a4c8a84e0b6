using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serilog;
using SushOps.Configuration;

namespace SushOps.Inventories;

/// <summary>
/// The last good copy of each remote inventory, one JSON file per sheet or URL in
/// <c>$XDG_CACHE_HOME/sushops/inventories/</c>. Only rows that passed validation are written.
/// </summary>
public sealed class InventoryCache(string directory)
{
    // Indented, for the person who opens the file.
    private static readonly JsonTypeInfo<CachedInventory> Json = (JsonTypeInfo<CachedInventory>)
        new JsonSerializerOptions(CoreJson.Default.Options) { WriteIndented = true }
            .GetTypeInfo(typeof(CachedInventory));

    /// <summary><c>$XDG_CACHE_HOME/sushops/inventories</c>, by default <c>~/.cache/sushops/inventories</c>.</summary>
    public static string DefaultDirectory =>
        Path.Combine(SushOpsConfig.XdgDirectory("XDG_CACHE_HOME", ".cache"), "sushops", "inventories");

    /// <summary>The folder the copies are kept in.</summary>
    public string Directory { get; } = directory;

    /// <summary>The file that holds the copy of <paramref name="source"/>.</summary>
    public string PathOf(InventorySource source) => Path.Combine(Directory, source.CacheKey + ".json");

    /// <summary>The last good copy of <paramref name="source"/>, or null when none can be read.</summary>
    public CachedInventory? Read(InventorySource source)
    {
        var path = PathOf(source);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            Log.Warning("The cached inventory {Path} is not readable and is ignored: {Problem}", path, e.Message);
            return null;
        }
    }

    /// <summary>Replaces the copy of the inventory's source; a reader never sees a half-written file.</summary>
    public void Write(InventorySource source, CachedInventory copy)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(source);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(copy, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
