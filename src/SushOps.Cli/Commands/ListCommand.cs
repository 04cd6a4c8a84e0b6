using System.CommandLine;
using Spectre.Console;

namespace SushOps.Cli.Commands;

/// <summary><c>sushops list</c>: the inventory as a table.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "Show the chefs of the inventory: name, role, schedule and repository");
        command.SetAction(result =>
        {
            var fleet = Fleet.Load(result.GetValue(CommonOptions.Config), result.GetValue(CommonOptions.Inventory));
            var table = new Table().Border(TableBorder.Simple)
                .AddColumns("chef", "role", "schedule", "repository");
            foreach (var chef in fleet.Inventory.Chefs)
            {
                table.AddRow(
                    Markup.Escape(chef.Name),
                    Markup.Escape(chef.Role ?? "-"),
                    Markup.Escape(chef.Schedule ?? "-"),
                    Markup.Escape(chef.RepoUrl));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
