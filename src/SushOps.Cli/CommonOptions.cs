using System.CommandLine;
using SushOps.Inventories;

namespace SushOps.Cli;

/// <summary>Options every command takes.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Inventory = new("--inventory", "-i")
    {
        Description = "The chef inventory: a CSV file, a URL that answers with CSV, a Google Sheet URL or "
            + "gsheet:ID[#GID|!RANGE] (default: inventory: in the config, else ./inventory.csv)",
        HelpName = "PATH|URL",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "The config file (default: ./sushops.yaml, else $XDG_CONFIG_HOME/sushops/config.yaml)",
        HelpName = "PATH",
        Recursive = true,
    };

    public static readonly Option<bool> Offline = new("--offline")
    {
        Description = "Use the last good copy of a sheet or URL inventory without fetching it",
        Recursive = true,
    };

    public static readonly Option<string?> MaxInventoryAge = new("--max-inventory-age")
    {
        Description = "Refuse a last good copy older than this (90m, 12h, 7d) when the sheet cannot be read",
        HelpName = "AGE",
        Recursive = true,
    };

    public static readonly Option<string> Verbosity = CreateVerbosity();

    /// <summary>The config and inventory the command line names, read as its options say.</summary>
    public static Task<Fleet> LoadFleetAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var ageText = result.GetValue(MaxInventoryAge);
        var maxAge = ageText is null ? (TimeSpan?)null : InventoryAge.TryParse(ageText) ?? throw new SushOpsException(
            $"--max-inventory-age \"{ageText}\" is not an age; write a number and a unit: 90m, 12h, 7d");
        var options = new InventoryLoadOptions { Offline = result.GetValue(Offline), MaxAge = maxAge };
        return Fleet.LoadAsync(result.GetValue(Config), result.GetValue(Inventory), options, cancellationToken);
    }

    private static Option<string> CreateVerbosity()
    {
        var option = new Option<string>("--verbosity", "-v")
        {
            Description = "How much to log on standard error",
            DefaultValueFactory = _ => "minimal",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong(Cli.Verbosity.Names);
        return option;
    }
}
