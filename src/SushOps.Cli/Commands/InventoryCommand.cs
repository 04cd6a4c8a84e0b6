using System.CommandLine;
using System.Globalization;
using SushOps.Inventories;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops inventory show</c>: where the inventory came from, when, how many chefs, any warnings;
/// <c>sushops inventory export FILE.csv</c>: the validated inventory written as plain CSV.
/// </summary>
internal static class InventoryCommand
{
    private static readonly Argument<string> OutputFile = new("FILE")
    {
        Description = "The CSV file to write (plain layout: chef_name, repo_url, command, …)",
    };

    public static Command Create()
    {
        var show = new Command("show", "Show where the inventory came from, when, how many chefs, and any warnings");
        show.SetAction(ShowAsync);
        var export = new Command("export", "Write the validated inventory to a CSV file") { OutputFile };
        export.SetAction(ExportAsync);
        return new Command("inventory", "Look at the inventory, or save a copy of it") { show, export };
    }

    private static async Task<int> ShowAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var inventory = (await CommonOptions.LoadFleetAsync(result, cancellationToken)).Inventory;
        var origin = inventory.Origin!;
        var age = InventoryAge.Describe(DateTimeOffset.UtcNow - origin.FetchedAt);
        var when = origin.FetchedAt.ToUniversalTime()
            .ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        Console.WriteLine($"source:   {origin.Source}");
        Console.WriteLine($"read as:  {origin.Way}{(origin.FromCache ? ", from the last good copy" : "")}");
        Console.WriteLine($"{(origin.Way == "file" ? "modified" : "fetched ")}: {when} ({age} ago)");
        Console.WriteLine($"chefs:    {inventory.Chefs.Count}");
        Console.WriteLine($"warnings: {(origin.Warnings.Count == 0 ? "none" : origin.Warnings.Count)}");
        foreach (var warning in origin.Warnings)
        {
            Console.WriteLine("  " + warning.Replace(Environment.NewLine, Environment.NewLine + "  "));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ExportAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var path = ResultFile.Require(result.GetValue(OutputFile)!);
        var inventory = (await CommonOptions.LoadFleetAsync(result, cancellationToken)).Inventory;
        await ResultFile.WriteAsync(path, () => InventoryExport.WriteAsync(inventory, path, cancellationToken));
        Console.WriteLine($"wrote {inventory.Chefs.Count} chefs from {inventory.Source} to {path}");
        return ExitCodes.Ok;
    }
}
