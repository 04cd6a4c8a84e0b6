using System.CommandLine;
using Spectre.Console;
using SushOps.Alerts;
using SushOps.Status;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops status</c>: per chef per host, whether it is set up, what is deployed, whether it runs, how its last
/// run ended and why, when it runs next and how much disk is left; gathered in one round trip per host.
/// </summary>
internal sealed class StatusCommand
{
    private static readonly string[] Columns =
        ["chef", "host", "deployed", "running", "last run", "cause", "promotion", "next run", "disk free"];

    private readonly TargetOptions _targets = new(withDryRun: false);

    private readonly Option<bool> _alertMissed = new("--alert-missed")
    {
        Description = "Post to alerts.webhook_url about chefs whose scheduled run did not happen (a dead-man's "
                      + "switch for a daily cron or CI job); such chefs also make the exit code 1",
    };

    public static Command Create()
    {
        var status = new StatusCommand();
        var command = new Command(
            "status",
            "Show each chef on each host: set up, deployed commit and drift, running now, last run and its failure "
            + "cause, next scheduled run, free disk (all chefs when none is named); exit code 1 if a last run failed")
        {
            status._alertMissed,
        };
        status._targets.AddTo(command);
        command.SetAction((result, ct) => status.ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken, allByDefault: true);
        var alertMissed = result.GetValue(_alertMissed);
        var webhook = session.Fleet.Config.Alerts.WebhookUrl;
        if (alertMissed && webhook is null)
        {
            throw new SushOpsException(
                $"--alert-missed posts to alerts.webhook_url, which {session.Fleet.Config.Source ?? "the config"} "
                + "does not set; add alerts: {webhook_url: https://hooks.slack.com/services/…}.");
        }

        var gatherer = new StatusGatherer(session.Connect) { MaxHosts = session.MaxHosts };
        var rows = await gatherer.GatherAsync(session.Targets, cancellationToken);
        var missed = alertMissed ? MissedRunAlert.Message(rows) : null;
        if (missed is not null)
        {
            await Webhook.PostAsync(webhook!, Secret.RedactAll(session.Secrets, missed), cancellationToken);
            Console.Error.WriteLine("Posted an alert about missed runs to alerts.webhook_url.");
        }

        var exitCode = rows.Any(r => r.LastRunFailed) || missed is not null ? ExitCodes.Failed
            : rows.Any(r => r.Problem is not null) ? ExitCodes.Unreachable
            : ExitCodes.Ok;
        if (session.Json)
        {
            var document = new StatusJson.Document(exitCode, rows.Select(StatusJson.Of).ToList());
            JsonOutput.Print(document, CliJson.Default.StatusDocument);
        }
        else
        {
            Print(rows.Select(Row).ToList());
        }

        return exitCode;
    }

    private static void Print(List<string[]> rows)
    {
        ResultTable.Print(Columns, rows);
    }

    private static string[] Row(ChefStatus row)
    {
        var name = row.Target.Chef.Name;
        var host = row.Target.Host.Name;
        if (row.Problem is { } problem)
        {
            return [name, host, "?", "?", "?", problem, "?", "?"];
        }

        return
        [
            name,
            host,
            Deployed(row),
            row.RunningPid is { } pid ? $"since {Cells.Time(row.RunningSince)}, pid {pid}" : "no",
            LastRun(row),
            row.Cause?.Description ?? Cells.None,
            row.LastRun?.Promotion is { } promotion ? promotion.State.Replace('_', ' ') : Cells.None,
            row.Schedule is null ? "not scheduled"
            : row.MissedRun is { } due ? $"{Cells.Time(row.NextRun)}; missed {Cells.Time(due)}"
            : Cells.Time(row.NextRun),
            Cells.Bytes(row.DiskFreeBytes),
        ];
    }

    private static string LastRun(ChefStatus row)
    {
        var text = row.LastRun is { } last
            ? $"{last.ResultText} {Cells.Time(last.Start)}, {Cells.Duration(last.Duration)}"
            : "never";
        return row.SkippedAt is { } skipped ? $"{text}; a start skipped {Cells.Time(skipped)}" : text;
    }

    // The deployed commit, and the remote branch's head when an update would move it.
    private static string Deployed(ChefStatus row)
    {
        var deployed = row.SetUp ? Cells.Commit(row.Commit) : "not set up";
        return row.RemoteProblem is not null ? $"{deployed} (remote unknown)"
            : row.IsBehindRemote ? $"{deployed}, remote ahead: {Cells.Commit(row.RemoteCommit)}"
            : deployed;
    }
}
