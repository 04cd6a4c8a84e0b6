using System.CommandLine;
using SushOps.Plans;
using SushOps.Scheduling;
using SushOps.Targeting;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>schedule</c> and <c>unschedule</c>: install or remove the chefs' cron entries in the crontab of the user
/// sushops logs in as, touching no line it does not own.
/// </summary>
internal sealed class ScheduleCommand
{
    private readonly TargetOptions _targets = new();
    private readonly bool _install;

    private ScheduleCommand(bool install) => _install = install;

    public static Command Schedule() => new ScheduleCommand(install: true).Build(
        "schedule",
        "Install a cron entry for each chef that has a schedule, on each of its hosts; with --all, also remove "
        + "the entries of chefs no longer in the inventory or no longer scheduled there");

    public static Command Unschedule() => new ScheduleCommand(install: false).Build(
        "unschedule",
        "Remove the chefs' cron entries (with --all, every entry sushops installed); other lines stay");

    private Command Build(string name, string description)
    {
        var command = new Command(name, description);
        _targets.AddTo(command);
        command.SetAction((result, ct) => ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken);
        var options = new RunOptions(session.Fleet.Config.Studio.Url, session.Secrets.FirstOrDefault(), []);
        var plans = _install
            ? CrontabPlan.Schedule(
                session.Targets, options, session.Request.All, session.Fleet.Config.Alerts.WebhookUrl)
            : CrontabPlan.Unschedule(session.Targets, session.Request.All);
        if (session.DryRun)
        {
            session.Output.Write("dry run: each host's crontab is read, nothing is changed; what would change:");
        }

        var outcomes = await session.WorkAsync(output =>
            new ScheduleRunner(session.Connect, output) { MaxHosts = session.MaxHosts }
                .RunAsync(plans, session.DryRun, cancellationToken));
        return session.Finish(result.CommandResult.Command.Name, outcomes, cancellationToken);
    }
}
