using System.CommandLine;
using SushOps.Plans;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>
/// A verb that acts on chefs on hosts: load the fleet, pick targets, build a plan per target, carry the
/// plans out (or print them), and report.
/// </summary>
internal sealed class VerbCommand
{
    private static readonly Option<bool> Detach = new("--detach", "-d")
    {
        Description = "Start the chef in the background on its host, where it outlives this session; print its log",
    };

    private static readonly Option<int> Grace = new("--grace")
    {
        Description = "Seconds between TERM and KILL when stopping (default 30)",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 30,
    };

    private readonly TargetOptions _targets = new();
    private readonly Func<Fleet, ParseResult, PlanFactory> _planFactory;

    private VerbCommand(Func<Fleet, ParseResult, PlanFactory> planFactory) => _planFactory = planFactory;

    /// <summary>Turns one target into the plan for it.</summary>
    public delegate Plan PlanFactory(Target target);

    public static Command Setup() => new VerbCommand((_, _) => Planner.Setup).Build(
        "setup",
        "Clone each chef's repository, make its virtualenv and install its requirements (idempotent)");

    public static Command Update() => new VerbCommand((_, _) => Planner.Update).Build(
        "update",
        "Fetch each chef's repository and hard-reset it to the remote branch; local edits are saved in discarded/");

    public static Command Run(IReadOnlyList<string> extraArguments) => new VerbCommand((fleet, result) =>
    {
        var options = new RunOptions(fleet.Config.Studio.Url, fleet.ReadStudioToken(), extraArguments)
        {
            Detach = result.GetValue(Detach),
        };
        return target => Planner.Run(target, options);
    }).Build(
        "run",
        "Run each chef in its working directory with its virtualenv and stdin closed, streaming its output; "
        + "arguments after -- are passed to the chef",
        Detach);

    public static Command Stop()
    {
        Grace.CustomParser = r => NumberOption.Whole(r, "--grace needs a number of seconds from 0 to 3600", 0, 3600);
        return StopVerb();
    }

    private static Command StopVerb() => new VerbCommand((_, result) =>
    {
        var grace = result.GetValue(Grace);
        return target => Planner.Stop(target, grace);
    }).Build(
        "stop",
        "Stop each chef's run going on: TERM to its whole process group, KILL after a grace period; "
        + "the run is recorded as stopped",
        Grace);

    private Command Build(string name, string description, params Option[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Add(option);
        }

        _targets.AddTo(command);
        command.SetAction((result, ct) => ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken);
        var planFor = _planFactory(session.Fleet, result);
        var plans = session.Targets.Select(t => planFor(t)).ToList();
        if (session.DryRun && session.Json)
        {
            JsonOutput.Print(JsonPlans.Of(result.CommandResult.Command.Name, plans), CliJson.Default.JsonPlans);
            return ExitCodes.Ok;
        }

        if (session.DryRun)
        {
            PrintDryRun(new ConsoleOutput(Console.Out), plans);
            return ExitCodes.Ok;
        }

        var outcomes = await session.WorkAsync(output =>
            new PlanRunner(session.Connect, output, session.Secrets) { MaxHosts = session.MaxHosts }
                .RunAsync(plans, cancellationToken));
        return session.Finish(result.CommandResult.Command.Name, outcomes, cancellationToken);
    }

    private static void PrintDryRun(ConsoleOutput output, List<Plan> plans)
    {
        output.Write("dry run: no host is contacted and nothing is changed; each plan and the script it would run:");
        foreach (var plan in plans)
        {
            output.Write(plan.Describe().TrimEnd());
            foreach (var line in plan.RenderScript().TrimEnd().Split('\n'))
            {
                output.Write("    | " + line);
            }
        }
    }
}
