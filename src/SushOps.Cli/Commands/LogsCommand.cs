using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using SushOps.Hosts;
using SushOps.Runs;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops logs CHEF</c>: the log of the chef's last (or Nth last) run from its host, its end only, or followed
/// while the run goes on; or the list of its runs.
/// </summary>
internal sealed class LogsCommand
{
    private static readonly string[] Columns = ["host", "#", "started", "result", "took", "trigger"];

    private readonly TargetOptions _targets = new(withDryRun: false);

    private readonly Option<int> _run = new("--run")
    {
        Description = "Show the Nth last run's log (1, the default, is the last)",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<bool> _list = new("--list", "-l") { Description = "List the chef's runs, newest first" };

    private readonly Option<bool> _follow = new("--follow", "-f")
    {
        Description = "Go on printing while the run goes on, until it ends",
    };

    private readonly Option<int?> _lines = new("--lines", "-n")
    {
        Description = "Print only the last LINES lines (with --follow: start with them)",
        HelpName = "LINES",
    };

    public static Command Create()
    {
        var logs = new LogsCommand();
        var command = new Command(
            "logs",
            "Print the log of a chef's last run (or the Nth last) from its host, or follow it while it runs; "
            + "--list shows its runs")
        {
            logs._run, logs._list, logs._follow, logs._lines,
        };
        logs._run.CustomParser = r =>
            NumberOption.Whole(r, "--run needs a run number of 1 (the last run) or more", 1, int.MaxValue);
        logs._lines.CustomParser = r =>
            NumberOption.Whole(r, "--lines needs a number of lines of 0 or more", 0, int.MaxValue);
        logs._targets.AddTo(command);
        command.SetAction((result, ct) => logs.ExecuteAsync(result, ct));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken);
        if (session.Request.All || session.Request.Chefs.Count != 1)
        {
            throw new SushOpsException("logs shows one chef's runs: name exactly one chef, without --all.");
        }

        var list = result.GetValue(_list);
        var prefix = session.Targets.Count > 1;
        var rows = new List<string[]>();
        var problems = new List<string>();
        var unreachable = new List<string>();
        var gate = new Lock();
        await HostFanOut.ForEachHostAsync(
            session.Targets,
            target => target.Host,
            session.Connect,
            async (executor, targets, ct) =>
            {
                var problem = list
                    ? await ListAsync(executor, targets[0], rows, gate, ct)
                    : await PrintAsync(executor, targets[0], result, prefix, session.Secrets, ct);
                if (problem is not null)
                {
                    lock (gate)
                    {
                        problems.Add(problem);
                    }
                }
            },
            (_, e) =>
            {
                lock (gate)
                {
                    unreachable.Add(e.Message);
                }
            },
            session.MaxHosts,
            cancellationToken);

        if (list)
        {
            PrintList(rows);
        }

        problems.Concat(unreachable).ToList().ForEach(Console.Error.WriteLine);
        return problems.Count > 0 ? ExitCodes.Failed
            : unreachable.Count > 0 ? ExitCodes.Unreachable
            : ExitCodes.Ok;
    }

    private async Task<string?> PrintAsync(
        IHostExecutor executor,
        Target target,
        ParseResult result,
        bool prefix,
        IReadOnlyList<Secret> secrets,
        CancellationToken ct)
    {
        var script = RunScripts.PrintLog(
            target, result.GetValue(_run), result.GetValue(_lines), result.GetValue(_follow));
        var errors = new StringBuilder();
        var lead = prefix ? $"[{target.Host.Name}] " : "";
        var code = await executor.ExecuteAsync(script, ReadOnlyMemory<byte>.Empty, line =>
        {
            var text = Secret.RedactAll(secrets, line.Line);
            if (line.IsError)
            {
                errors.Append(text).Append(' ');
            }
            else if (text.StartsWith(RunScripts.Marker + "log ", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"{lead}{text[(RunScripts.Marker.Length + 4)..]}:");
            }
            else
            {
                Console.Out.WriteLine(lead + text);
            }
        }, ct);
        var why = errors.Length > 0 ? errors.ToString().Trim() : $"printing the log failed (exit code {code})";
        return code == 0 ? null : $"[{target.Host.Name}] {why}";
    }

    private static async Task<string?> ListAsync(
        IHostExecutor executor,
        Target target,
        List<string[]> rows,
        Lock gate,
        CancellationToken ct)
    {
        var found = new List<string[]>();
        var code = await executor.ExecuteAsync(RunScripts.ListLogs(target), ReadOnlyMemory<byte>.Empty, line =>
        {
            var fields = line.Line.Split('\t');
            if (!line.IsError && fields.Length == 2)
            {
                found.Add(Row(target.Host.Name, found.Count + 1, fields[0], fields[1]));
            }
        }, ct);
        lock (gate)
        {
            rows.AddRange(found);
        }

        return code == 0 ? null : $"[{target.Host.Name}] listing the runs failed (exit code {code})";
    }

    private static string[] Row(string host, int number, string name, string state)
    {
        var started = Cells.Time(RunRecord.TimeOfName(name));
        var n = number.ToString(CultureInfo.InvariantCulture);
        if (state is "running" or "")
        {
            return [host, n, started, state == "" ? "no record" : "running", Cells.None, Cells.None];
        }

        try
        {
            var record = RunRecord.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(state)), name);
            return [host, n, started, record.ResultText, Cells.Duration(record.Duration), record.Trigger];
        }
        catch (FormatException)
        {
            return [host, n, started, "unreadable record", Cells.None, Cells.None];
        }
    }

    private static void PrintList(List<string[]> rows)
    {
        ResultTable.Print(Columns, rows);
    }
}
