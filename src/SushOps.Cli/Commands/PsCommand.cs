using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;
using SushOps.Hosts;
using SushOps.Runs;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops ps</c>: the processes of the chefs that run now on the hosts, found through the runner's
/// <c>.pid</c> files, with any token on their command lines masked.
/// </summary>
internal sealed partial class PsCommand
{
    private static readonly string[] Columns = ["host", "chef", "pid", "started", "cpu %", "memory", "command"];

    private readonly TargetOptions _targets = new(withDryRun: false);

    public static Command Create()
    {
        var ps = new PsCommand();
        var command = new Command(
            "ps",
            "Show the processes of the chefs running on the hosts (those of the named chefs, else all): pid, start, "
            + "CPU, memory and command line, tokens masked");
        ps._targets.AddTo(command);
        command.SetAction((result, ct) => ps.ExecuteAsync(result, ct));
        return command;
    }

    /// <summary>The command line with the Studio token, and any value given to a token option, masked.</summary>
    public static string Mask(string commandLine, IEnumerable<Secret> secrets) =>
        TokenValue().Replace(Secret.RedactAll(secrets, commandLine), "${name}" + Secret.Mask);

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var session = await FleetSession.OpenAsync(result, _targets, cancellationToken, allByDefault: true);
        var named = session.Request.All ? null : session.Request.Chefs.ToHashSet();
        var processes = new List<ChefProcess>();
        var problems = new List<string>();
        var gate = new Lock();
        var now = DateTimeOffset.UtcNow;
        await HostFanOut.ForEachHostAsync(
            session.Targets.DistinctBy(t => t.Host),
            target => target.Host,
            session.Connect,
            async (executor, _, ct) =>
            {
                var found = await ListAsync(executor, now, session.Secrets, ct);
                lock (gate)
                {
                    processes.AddRange(found.Where(p => named is null || named.Contains(p.Chef)));
                }
            },
            (_, e) =>
            {
                lock (gate)
                {
                    problems.Add(e.Message);
                }
            },
            session.MaxHosts,
            cancellationToken);

        problems.ForEach(Console.Error.WriteLine);
        Print(processes.OrderBy(p => p.Host).ThenBy(p => p.Chef).ThenBy(p => p.Pid).ToList(), session.Json);
        return problems.Count > 0 ? ExitCodes.Unreachable : ExitCodes.Ok;
    }

    private static async Task<List<ChefProcess>> ListAsync(
        IHostExecutor executor,
        DateTimeOffset now,
        IReadOnlyList<Secret> secrets,
        CancellationToken ct)
    {
        var found = new List<ChefProcess>();
        await executor.ExecuteAsync(RunScripts.Processes(executor.Host), ReadOnlyMemory<byte>.Empty, line =>
        {
            var fields = line.Line.Split('\t', 6);
            if (line.IsError || fields.Length < 6 || !int.TryParse(fields[1], out var pid))
            {
                return;
            }

            var seconds = long.TryParse(fields[2], out var elapsed) ? elapsed : 0;
            found.Add(new ChefProcess(
                executor.Host.Name,
                fields[0],
                pid,
                now - TimeSpan.FromSeconds(seconds),
                double.TryParse(fields[3], CultureInfo.InvariantCulture, out var cpu) ? cpu : 0,
                long.TryParse(fields[4], out var rss) ? rss * 1024 : 0,
                Mask(fields[5], secrets)));
        }, ct);
        return found;
    }

    private static void Print(List<ChefProcess> processes, bool json)
    {
        if (json)
        {
            JsonOutput.Print(new Document(processes), CliJson.Default.PsDocument);
            return;
        }

        var rows = processes.Select(p => new[]
        {
            p.Host, p.Chef, p.Pid.ToString(CultureInfo.InvariantCulture), Cells.Time(p.Started),
            p.Cpu.ToString("0.0", CultureInfo.InvariantCulture), Cells.Bytes(p.MemoryBytes), p.Command,
        }).ToList();
        if (rows.Count == 0 && !Console.IsOutputRedirected)
        {
            Console.Error.WriteLine("No chef is running on these hosts.");
            return;
        }

        ResultTable.Print(Columns, rows);
    }

    // A value after "token", "--token" or "..._TOKEN", with "=" or a space between: a path or the token itself.
    [GeneratedRegex(@"(?<name>token(=|\s+))\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenValue();

    /// <summary>What <c>ps --json</c> prints.</summary>
    internal sealed record Document(IReadOnlyList<ChefProcess> Processes);

    internal sealed record ChefProcess(
        string Host,
        string Chef,
        int Pid,
        DateTimeOffset Started,
        double Cpu,
        long MemoryBytes,
        string Command);
}
