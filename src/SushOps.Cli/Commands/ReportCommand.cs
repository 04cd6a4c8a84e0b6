using System.CommandLine;
using SushOps.Health;
using SushOps.Hosts;
using SushOps.Reports;
using SushOps.Status;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary><c>sushops report --html FILE</c>: the fleet's status and host health on one self-contained page.</summary>
internal sealed class ReportCommand
{
    private const long MinFreeBytes = 5L << 30;

    private readonly TargetOptions _targets = new(withDryRun: false);

    private readonly Option<string> _html = new("--html")
    {
        Description = "Write the report to this HTML file (self-contained: it needs no network to be read)",
        HelpName = "FILE",
        Required = true,
    };

    public static Command Create()
    {
        var report = new ReportCommand();
        var command = new Command(
            "report",
            "Write the fleet's chefs (recent runs, duration trend, next run, drift, failure causes) and host health "
            + "to one HTML page (all chefs when none is named)")
        {
            report._html,
        };
        report._targets.AddTo(command);
        command.SetAction((result, ct) => report.ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken, allByDefault: true);
        var path = ResultFile.Require(result.GetValue(_html)!);
        var rows = new StatusGatherer(session.Connect) { MaxHosts = session.MaxHosts }
            .GatherAsync(session.Targets, cancellationToken);
        var alerts = session.Fleet.Config.Alerts.WebhookUrl is not null;
        var health = new Dictionary<string, IReadOnlyList<HealthCheck>>();
        var gate = new Lock();
        await HostFanOut.ForEachHostAsync(
            session.Targets.DistinctBy(t => t.Host),
            target => target.Host,
            session.Connect,
            async (executor, _, ct) =>
            {
                var checks = await ExamineAsync(executor, alerts, ct);
                lock (gate)
                {
                    health[executor.Host.Name] = checks;
                }
            },
            (items, e) =>
            {
                lock (gate)
                {
                    health[items[0].Host.Name] = [new HealthCheck("login", false, e.Message, "check the host")];
                }
            },
            session.MaxHosts,
            cancellationToken);

        var page = HtmlReport.Render(await rows, health, DateTimeOffset.UtcNow);
        await ResultFile.WriteAsync(path, () =>
            File.WriteAllTextAsync(path, Secret.RedactAll(session.Secrets, page), cancellationToken));
        Console.Error.WriteLine($"Wrote the report to {path}.");
        return ExitCodes.Ok;
    }

    private static async Task<IReadOnlyList<HealthCheck>> ExamineAsync(
        IHostExecutor executor,
        bool alerts,
        CancellationToken ct)
    {
        try
        {
            return await HostExamination.ExamineAsync(executor, MinFreeBytes, alerts, ct);
        }
        catch (HostUnreachableException e)
        {
            return [new HealthCheck("login", false, e.Message, "check the host")];
        }
    }
}
