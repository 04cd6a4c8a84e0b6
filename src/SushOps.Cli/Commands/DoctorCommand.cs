using System.CommandLine;
using Spectre.Console;
using SushOps.Health;
using SushOps.Hosts;
using SushOps.Verbs;

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
        var hosts = new List<HostChecks>();
        var gate = new Lock();
        await HostFanOut.ForEachHostAsync(
            session.Targets.DistinctBy(t => t.Host),
            target => target.Host,
            session.Connect,
            async (executor, _, ct) =>
            {
                var report = await ExamineAsync(executor, minFreeBytes, alerts, ct);
                lock (gate)
                {
                    hosts.Add(report);
                }
            },
            (items, e) =>
            {
                lock (gate)
                {
                    hosts.Add(new HostChecks(items[0].Host.Name, e.Message, []));
                }
            },
            session.MaxHosts,
            cancellationToken);

        hosts.Sort((a, b) => string.CompareOrdinal(a.Host, b.Host));
        Print(hosts, session.Json);
        return hosts.Any(h => h.Checks.Any(c => !c.Ok)) ? ExitCodes.Failed
            : hosts.Any(h => h.Problem is not null) ? ExitCodes.Unreachable
            : ExitCodes.Ok;
    }

    private static async Task<HostChecks> ExamineAsync(
        IHostExecutor executor,
        long minFreeBytes,
        bool alerts,
        CancellationToken ct)
    {
        try
        {
            var checks = await HostExamination.ExamineAsync(executor, minFreeBytes, alerts, ct);
            return new HostChecks(executor.Host.Name, null, checks);
        }
        catch (HostUnreachableException e)
        {
            return new HostChecks(executor.Host.Name, e.Message, []);
        }
    }

    private static void Print(List<HostChecks> hosts, bool json)
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

    internal sealed record HostChecks(string Host, string? Problem, IReadOnlyList<HealthCheck> Checks);

    /// <summary>What <c>doctor --json</c> prints.</summary>
    internal sealed record Document(IReadOnlyList<HostChecks> Hosts);
}
