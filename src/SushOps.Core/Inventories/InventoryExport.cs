using System.Globalization;
using CsvHelper;

namespace SushOps.Inventories;

/// <summary>Writes an inventory as CSV in the plain layout, which <see cref="InventoryLoader"/> reads back.</summary>
public static class InventoryExport
{
    private static readonly string[] Header =
        ["chef_name", "repo_url", "command", "schedule", "role", "branch", "channel_id", "post_setup", "cwd", "review"];

    /// <summary>Writes every chef of <paramref name="inventory"/> to <paramref name="path"/>, replacing it.</summary>
    public static async Task WriteAsync(Inventory inventory, string path, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path);
        await WriteAsync(inventory, writer, cancellationToken);
    }

    /// <summary>Writes the inventory's CSV to <paramref name="writer"/>.</summary>
    public static async Task WriteAsync(Inventory inventory, TextWriter writer, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var chef in inventory.Chefs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string?[] fields = [chef.Name, chef.RepoUrl, chef.Command, chef.Schedule, chef.Role, chef.Branch,
                chef.ChannelId, chef.PostSetup, chef.WorkingDirectory, chef.Review?.ToString()];
            foreach (var field in fields)
            {
                csv.WriteField(field ?? "");
            }

            await csv.NextRecordAsync();
        }
    }
}
