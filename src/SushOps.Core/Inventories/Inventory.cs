namespace SushOps.Inventories;

/// <summary>The chefs of one inventory file, in file order.</summary>
/// <param name="Source">Where the inventory was read from.</param>
/// <param name="Chefs">Its chefs, names unique.</param>
public sealed record Inventory(string Source, IReadOnlyList<Chef> Chefs)
{
    /// <summary>Where and when it was read; null for an inventory parsed from text in memory.</summary>
    public InventoryOrigin? Origin { get; init; }

    /// <summary>The chef with that name, or null.</summary>
    public Chef? Find(string name) => Chefs.FirstOrDefault(c => c.Name == name);
}
