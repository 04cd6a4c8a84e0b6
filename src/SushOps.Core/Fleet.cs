using SushOps.Configuration;
using SushOps.Inventories;

namespace SushOps;

/// <summary>The config and the inventory a command works with, loaded together.</summary>
/// <param name="Config">The config, or the built-in defaults.</param>
/// <param name="Inventory">The validated chef inventory.</param>
public sealed record Fleet(SushOpsConfig Config, Inventory Inventory)
{
    /// <summary>The inventory used when neither the command line nor the config names one.</summary>
    public const string DefaultInventory = "inventory.csv";

    /// <summary>
    /// Loads the config (<paramref name="configPath"/> or the default places), then the inventory:
    /// <paramref name="inventoryPath"/>, else the config's <c>inventory:</c>, else <c>./inventory.csv</c>.
    /// </summary>
    public static Fleet Load(string? configPath, string? inventoryPath)
    {
        var config = ConfigLoader.Load(configPath);
        var inventory = InventoryLoader.Load(inventoryPath ?? config.Inventory ?? DefaultInventory);
        return new Fleet(config, inventory);
    }

    /// <summary>The Studio token from the config's token file, or null when none is configured.</summary>
    public Secret? ReadStudioToken()
    {
        if (Config.Studio.TokenFile is not { } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new SushOpsException(
                $"studio.token_file in {Config.Source} is {path}, which does not exist; "
                + "put the Studio API token there (chmod 600) or remove the key");
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead
                                    | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & others) != 0)
        {
            Serilog.Log.Warning("The Studio token file {TokenFile} can be read by other users; chmod 600 it", path);
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length > 0
            ? new Secret(token)
            : throw new SushOpsException($"The Studio token file {path} is empty.");
    }
}
