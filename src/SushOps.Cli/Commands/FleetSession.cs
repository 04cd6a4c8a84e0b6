using System.CommandLine;
using Spectre.Console;
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
    /// <summary>The environment variable that holds the sudo password for roles with <c>become</c>.</summary>
    public const string SudoPasswordVariable = "SUSHOPS_SUDO_PASSWORD";

    private readonly bool _json;
    private readonly SshSettings _ssh;
    private readonly OpenSshConfig _sshConfig;
    private readonly Lazy<Secret?> _sudoPassword;

    private FleetSession(ParseResult result, TargetOptions options, Fleet fleet, bool allByDefault)
    {
        Fleet = fleet;
        Request = options.Read(result);
        if (allByDefault && Request.Chefs.Count == 0)
        {
            Request = Request with { All = true };
        }

        Targets = TargetSelector.Select(Fleet.Config, Fleet.Inventory, Request);
        Secrets = Fleet.ReadStudioToken() is { } token ? [token] : [];
        DryRun = options.IsDryRun(result);
        MaxHosts = options.Fleet.Parallel(result);
        _json = options.Fleet.Json(result);
        _ssh = options.Fleet.Apply(Fleet.Config.Ssh, result);
        // Asked before the work starts (and the live display with it), unless a dry run needs it at all:
        // setup, update and run contact no host then, schedule reads the chef user's crontab through sudo.
        _sudoPassword = new Lazy<Secret?>(ReadSudoPassword);
        if (!DryRun && Targets.Any(t => t.Host.Role.Become is not null))
        {
            _ = _sudoPassword.Value;
        }

        // A chef runs for as long as it needs, days for some, and logs --follow as long as it runs;
        // ssh.command_timeout bounds the other verbs' scripts.
        if (result.CommandResult.Command.Name is "run" or "logs")
        {
            _ssh = _ssh with { CommandTimeout = null };
        }

        _sshConfig = new OpenSshConfig(_ssh);

        // With --json, standard output carries the document alone; host output goes to standard error.
        Output = _json
            ? new ConsoleOutput(Console.Error, showOutcomes: false)
            : new ConsoleOutput(Console.Out);
    }

    public Fleet Fleet { get; }

    public TargetRequest Request { get; }

    public IReadOnlyList<Target> Targets { get; }

    public IReadOnlyList<Secret> Secrets { get; }

    public bool DryRun { get; }

    /// <summary>True with <c>--json</c>: standard output carries one JSON document.</summary>
    public bool Json => _json;

    public int? MaxHosts { get; }

    public ConsoleOutput Output { get; }

    /// <summary>Loads the fleet and picks targets; with <paramref name="allByDefault"/>, no chef means all.</summary>
    public static async Task<FleetSession> OpenAsync(
        ParseResult result,
        TargetOptions options,
        CancellationToken cancellationToken,
        bool allByDefault = false) =>
        new(result, options, await CommonOptions.LoadFleetAsync(result, cancellationToken), allByDefault);

    /// <summary>
    /// Runs a verb's work with its progress shown: live on a terminal (one line per host), else as plain lines.
    /// </summary>
    public async Task<IReadOnlyList<ChefOutcome>> WorkAsync(
        Func<IVerbOutput, Task<IReadOnlyList<ChefOutcome>>> work)
    {
        if (_json || DryRun || !LiveOutput.Fits(AnsiConsole.Console))
        {
            return await work(Output);
        }

        var live = new LiveOutput(AnsiConsole.Console, Targets, Output);
        return await live.ShowAsync(() => work(live));
    }

    /// <summary>The executor for <paramref name="host"/>, acting as the role's chef user when it has one.</summary>
    public IHostExecutor Connect(HostTarget host)
    {
        IHostExecutor executor = host.IsLocal ? new LocalExecutor(host) : new SshExecutor(host, _ssh, _sshConfig);
        return host.Role.Become is { } user ? new BecomeExecutor(executor, user, _sudoPassword.Value) : executor;
    }

    // One password for every host with become, asked once. Without
    // one (no variable, no terminal) sudo may still need none; otherwise its refusal says what to do.
    private Secret? ReadSudoPassword()
    {
        if (Environment.GetEnvironmentVariable(SudoPasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            return new Secret(fromEnvironment);
        }

        var users = Targets.Select(t => t.Host.Role.Become).OfType<string>().Distinct();
        return HiddenPrompt.Ask($"sudo password to act as {string.Join(", ", users)}: ");
    }

    /// <summary>
    /// Prints the recap, or the JSON document, and returns the exit code the outcomes call for: 130 when the
    /// verb was interrupted, whatever the outcomes so far.
    /// </summary>
    public int Finish(string verb, IReadOnlyList<ChefOutcome> outcomes, CancellationToken interrupted)
    {
        var exitCode = interrupted.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodeOf(outcomes);
        if (_json)
        {
            var report = JsonReport.Of(verb, DryRun, exitCode, outcomes);
            JsonOutput.Print(report, CliJson.Default.JsonReport);
        }
        else
        {
            Output.Recap(outcomes);
        }

        if (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted; the recap above shows how far each host got.");
        }

        return exitCode;
    }

    /// <summary>1 when anything failed, else 3 when a host was unreachable, else 0.</summary>
    private static int ExitCodeOf(IReadOnlyList<ChefOutcome> outcomes) =>
        outcomes.Any(o => o.Status == OutcomeStatus.Failed) ? ExitCodes.Failed
        : outcomes.Any(o => o.Status == OutcomeStatus.Unreachable) ? ExitCodes.Unreachable
        : ExitCodes.Ok;
}
