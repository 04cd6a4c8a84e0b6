using System.CommandLine;
using Spectre.Console;
using SushOps.Health;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops doctor</c>: per host, what chefs need and whether it is there, each missing piece with the command
/// that installs it.
/// </summary>
internal sealed class DoctorCommand
{
    private static readonly string[] Columns = ["host", "check", "result", "found", "fix"];

    private readonly TargetOptions _targets = new(withDryRun: false);

    private readonly Option<double> _minFree = new("--min-free-gb")
    {
        Description = "Free disk in the chefs directory below this many GiB fails the check (default 5)",
        HelpName = "GIB",
        DefaultValueFactory = _ => 5,
        CustomParser = r => NumberOption.Decimal(r, "--min-free-gb needs a number of GiB of 0 or more", 0, 1e9),
    };

    public static Command Create()
    {
        var doctor = new DoctorCommand();
        var command = new Command(
            "doctor",
            "Check each host for what chefs need: login, git, python and venv, flock, crontab and a running cron, "
            + "ffmpeg where the role transcodes, free disk and inodes, clock; with the fix for each missing piece")
        {
            doctor._minFree,
        };
        doctor._targets.AddTo(command);
        command.SetAction((result, ct) => doctor.ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken, allByDefault: true);
        var minFreeBytes = (long)(result.GetValue(_minFree) * 1024 * 1024 * 1024);
        var alerts = session.Fleet.Config.Alerts.WebhookUrl is not null;
        var hosts = await HostExamination.ExamineAllAsync(
            session.Targets.Select(t => t.Host), session.Connect, session.MaxHosts, minFreeBytes, alerts,
            cancellationToken);
        Print(hosts, session.Json);
        return hosts.Any(h => h.Checks.Any(c => !c.Ok)) ? ExitCodes.Failed
            : hosts.Any(h => h.Problem is not null) ? ExitCodes.Unreachable
            : ExitCodes.Ok;
    }

    private static void Print(IReadOnlyList<HostExamined> hosts, bool json)
    {
        if (json)
        {
            JsonOutput.Print(new Document(hosts), CliJson.Default.DoctorDocument);
            return;
        }

        var rows = hosts.SelectMany(h => h.Problem is { } problem
            ? [[h.Host, "login", "FAILED", problem, "check the host, its address and ssh settings"]]
            : h.Checks.Select(c => new[] { h.Host, c.Name, c.Ok ? "ok" : "MISSING", c.Detail, c.Fix ?? "" }))
            .ToList();
        ResultTable.Print(Columns, rows);
    }

    /// <summary>What <c>doctor --json</c> prints.</summary>
    internal sealed record Document(IReadOnlyList<HostExamined> Hosts);
}
