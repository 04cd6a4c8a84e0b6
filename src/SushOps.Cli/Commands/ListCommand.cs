using System.CommandLine;
using System.Globalization;
using Cronos;
using Spectre.Console;
using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Scheduling;

namespace SushOps.Cli.Commands;

/// <summary><c>sushops list</c>: the inventory as a table, with each scheduled chef's next run.</summary>
internal static class ListCommand
{
    private static readonly string[] Columns = ["chef", "role", "schedule", "next run", "repository"];

    public static Command Create()
    {
        var command = new Command(
            "list",
            "Show the chefs of the inventory: name, role, schedule, next scheduled run and repository");
        command.SetAction(result =>
        {
            var fleet = Fleet.Load(result.GetValue(CommonOptions.Config), result.GetValue(CommonOptions.Inventory));
            var rows = fleet.Inventory.Chefs.Select(chef => Row(chef, fleet.Config)).ToList();
            if (Console.IsOutputRedirected)
            {
                // Piped output is read by programs: tab-separated, one chef a line, nothing wrapped.
                Console.WriteLine(string.Join('\t', Columns));
                rows.ForEach(row => Console.WriteLine(string.Join('\t', row)));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns(Columns);
            rows.ForEach(row => table.AddRow(row.Select(Markup.Escape).ToArray()));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string[] Row(Chef chef, SushOpsConfig config) =>
        [chef.Name, chef.Role ?? "-", chef.Schedule ?? "-", NextRun(chef, config), chef.RepoUrl];

    // In the time zone of the chef's role when the config gives one, since that is where its cron runs; a chef
    // without a Role column runs in the only role there is, when there is one.
    private static string NextRun(Chef chef, SushOpsConfig config)
    {
        if (chef.Schedule is not { } schedule)
        {
            return "-";
        }

        var role = chef.Role is { } name
            ? config.Roles.GetValueOrDefault(name)
            : config.Roles.Count == 1 ? config.Roles.Values.Single() : null;
        var zoneName = role?.TimeZone;
        var zone = zoneName is null ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        var next = CronExpression.Parse(HashedSchedule.Resolve(schedule, chef.Name))
            .GetNextOccurrence(DateTimeOffset.UtcNow, zone);
        if (next is not { } time)
        {
            return "never";
        }

        var text = time.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        return zoneName is null ? text : $"{text} {zoneName}";
    }
}
