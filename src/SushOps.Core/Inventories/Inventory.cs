namespace SushOps.Inventories;

/// <summary>The chefs of one inventory file, in file order.</summary>
/// <param name="Source">Where the inventory was read from.</param>
/// <param name="Chefs">Its chefs, names unique.</param>
public sealed record Inventory(string Source, IReadOnlyList<Chef> Chefs)
{
    /// <summary>The chef with that name, or null.</summary>
    public Chef? Find(string name) => Chefs.FirstOrDefault(c => c.Name == name);
}
