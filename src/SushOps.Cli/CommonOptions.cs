using System.CommandLine;

namespace SushOps.Cli;

/// <summary>Options every command takes.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Inventory = new("--inventory", "-i")
    {
        Description = "The chef inventory CSV (default: inventory: in the config, else ./inventory.csv)",
        HelpName = "PATH",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "The config file (default: ./sushops.yaml, else $XDG_CONFIG_HOME/sushops/config.yaml)",
        HelpName = "PATH",
        Recursive = true,
    };

    public static readonly Option<string> Verbosity = CreateVerbosity();

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
