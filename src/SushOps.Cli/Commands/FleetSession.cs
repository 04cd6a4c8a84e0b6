using System.CommandLine;
using System.Text.Json;
using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>
/// What every verb that acts on hosts starts with and ends with: the fleet, its targets, secrets, how to
/// connect; and at the end the recap (or the JSON document) and the exit code.
/// </summary>
internal sealed class FleetSession
{
    private readonly bool _json;
    private readonly SshSettings _ssh;
    private readonly OpenSshConfig _sshConfig;

    private FleetSession(ParseResult result, TargetOptions options)
    {
        Fleet = Fleet.Load(result.GetValue(CommonOptions.Config), result.GetValue(CommonOptions.Inventory));
        Request = options.Read(result);
        Targets = TargetSelector.Select(Fleet.Config, Fleet.Inventory, Request);
        Secrets = Fleet.ReadStudioToken() is { } token ? [token] : [];
        DryRun = options.IsDryRun(result);
        MaxHosts = options.Fleet.Parallel(result);
        _json = options.Fleet.Json(result);
        _ssh = options.Fleet.Apply(Fleet.Config.Ssh, result);

        // A chef runs for as long as it needs, days for some; ssh.command_timeout bounds the other verbs' scripts.
        if (result.CommandResult.Command.Name == "run")
        {
            _ssh = _ssh with { CommandTimeout = null };
        }

        _sshConfig = new OpenSshConfig(_ssh);

        // With --json, standard output carries the document alone; host output goes to standard error.
        Output = _json
            ? new ConsoleOutput(Console.Error, Secrets, showOutcomes: false)
            : new ConsoleOutput(Console.Out, Secrets);
    }

    public Fleet Fleet { get; }

    public TargetRequest Request { get; }

    public IReadOnlyList<Target> Targets { get; }

    public IReadOnlyList<Secret> Secrets { get; }

    public bool DryRun { get; }

    public int? MaxHosts { get; }

    public ConsoleOutput Output { get; }

    public static FleetSession Open(ParseResult result, TargetOptions options) => new(result, options);

    public IHostExecutor Connect(HostTarget host) =>
        host.IsLocal ? new LocalExecutor(host) : new SshExecutor(host, _ssh, _sshConfig);

    /// <summary>Prints the recap, or the JSON document, and returns the exit code the outcomes call for.</summary>
    public int Finish(string verb, IReadOnlyList<ChefOutcome> outcomes)
    {
        var exitCode = ExitCodeOf(outcomes);
        if (_json)
        {
            var report = JsonReport.Of(verb, DryRun, exitCode, outcomes);
            Console.Out.WriteLine(JsonSerializer.Serialize(report, JsonReport.Options));
        }
        else
        {
            Output.Recap(outcomes);
        }

        return exitCode;
    }

    /// <summary>1 when anything failed, else 3 when a host was unreachable, else 0.</summary>
    private static int ExitCodeOf(IReadOnlyList<ChefOutcome> outcomes) =>
        outcomes.Any(o => o.Status == OutcomeStatus.Failed) ? ExitCodes.Failed
        : outcomes.Any(o => o.Status == OutcomeStatus.Unreachable) ? ExitCodes.Unreachable
        : ExitCodes.Ok;
}
