using System.CommandLine;
using SushOps.Health;
using SushOps.Reports;
using SushOps.Status;

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
        var examined = await HostExamination.ExamineAllAsync(
            session.Targets.Select(t => t.Host), session.Connect, session.MaxHosts, MinFreeBytes, alerts,
            cancellationToken);
        // A host in two roles was examined twice; one entry per name is kept.
        var health = new Dictionary<string, IReadOnlyList<HealthCheck>>();
        foreach (var host in examined)
        {
            health[host.Host] = host.Problem is { } problem
                ? [new HealthCheck("login", false, problem, "check the host")]
                : host.Checks;
        }

        var page = HtmlReport.Render(await rows, health, DateTimeOffset.UtcNow);
        await ResultFile.WriteAsync(path, () =>
            File.WriteAllTextAsync(path, Secret.RedactAll(session.Secrets, page), cancellationToken));
        Console.Error.WriteLine($"Wrote the report to {path}.");
        return ExitCodes.Ok;
    }
}
