using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Serilog;
using SushOps.Hosts;
using SushOps.Plans;
using SushOps.Targeting;

namespace SushOps.Verbs;

/// <summary>
/// Carries out plans: per host one executor (one connection) for all its chefs, hosts side by side, chefs
/// on a host one after another. A host that fails or cannot be reached never stops the others.
/// </summary>
public sealed class PlanRunner(
    Func<HostTarget, IHostExecutor> connect,
    IVerbOutput output,
    IReadOnlyList<Secret> secrets)
{
    private const string Marker = "::sushops:: ";
    private const string StepReport = "step ";
    private static readonly ILogger Logger = Log.ForContext<PlanRunner>();

    /// <summary>How many hosts at most are worked on at once; all of them when null.</summary>
    public int? MaxHosts { get; init; }

    /// <summary>Runs every plan and returns an outcome for each, in the order of the plans.</summary>
    public async Task<IReadOnlyList<ChefOutcome>> RunAsync(
        IReadOnlyList<Plan> plans,
        CancellationToken cancellationToken)
    {
        var outcomes = new ChefOutcome?[plans.Count];
        await HostFanOut.ForEachHostAsync(
            plans.Select((plan, index) => (Plan: plan, Index: index)),
            item => item.Plan.Target.Host,
            connect,
            async (executor, items, ct) =>
            {
                foreach (var (index, outcome) in await RunOnHostAsync(executor, items, ct))
                {
                    outcomes[index] = outcome;
                }
            },
            (items, e) =>
            {
                foreach (var (plan, index) in items)
                {
                    outcomes[index] = Unreachable(plan, e);
                }
            },
            MaxHosts,
            cancellationToken,
            host => host.Role.MaxParallel);

        // Interrupted, the chefs that ran have their outcomes and the others never started.
        return plans.Select((plan, index) => outcomes[index] ?? Report(
            new ChefOutcome(plan.Target, OutcomeStatus.Skipped, "not started: interrupted"))).ToList();
    }

    // Chefs on one host go one after another, or as many at once as the role's max_parallel allows, each on a
    // channel of the host's one connection. A connection lost on the way leaves the rest unreachable.
    private async Task<List<(int Index, ChefOutcome Outcome)>> RunOnHostAsync(
        IHostExecutor executor,
        IReadOnlyList<(Plan Plan, int Index)> plans,
        CancellationToken ct)
    {
        var results = new ConcurrentBag<(int, ChefOutcome)>();
        HostUnreachableException? lost = null;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = executor.Host.Role.MaxParallel,
            CancellationToken = ct,
        };
        await HostFanOut.UntilInterruptedAsync(Parallel.ForEachAsync(plans, options, async (item, token) =>
        {
            if (Volatile.Read(ref lost) is { } gone)
            {
                results.Add((item.Index, Unreachable(item.Plan, gone)));
                return;
            }

            try
            {
                results.Add((item.Index, Report(await RunPlanAsync(executor, item.Plan, token))));
            }
            catch (HostUnreachableException e)
            {
                Interlocked.CompareExchange(ref lost, e, null);
                results.Add((item.Index, Unreachable(item.Plan, e)));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                results.Add((item.Index, Report(Interrupted(item.Plan))));
            }
        }), ct);
        return [.. results];
    }

    private ChefOutcome Unreachable(Plan plan, HostUnreachableException e)
    {
        Logger.Warning("{Reason}", e.Message);
        return Report(new ChefOutcome(plan.Target, OutcomeStatus.Unreachable, e.Message));
    }

    private static ChefOutcome Interrupted(Plan plan)
    {
        Logger.Information("{Verb} {Chef} on {Host}: interrupted", plan.Verb, plan.Target.Chef.Name,
            plan.Target.Host.Name);
        const string Detail = "interrupted; its commands on the host were stopped";
        return new ChefOutcome(plan.Target, OutcomeStatus.Failed, Detail);
    }

    private ChefOutcome Report(ChefOutcome outcome)
    {
        output.Outcome(outcome);
        return outcome;
    }

    private async Task<ChefOutcome> RunPlanAsync(IHostExecutor executor, Plan plan, CancellationToken ct)
    {
        var target = plan.Target;
        var clock = Stopwatch.StartNew();
        output.Progress(target, plan.Files.Count > 0 ? "writing the secret files" : "starting");
        Logger.Debug("{Verb} {Chef} on {Host}: {Steps}", plan.Verb, target.Chef.Name, target.Host.Name,
            plan.Steps.Select(s => Secret.RedactAll(secrets, s.Title)));
        foreach (var file in plan.Files)
        {
            var code = await HostFiles.WriteSecretAsync(executor, file, ct);
            if (code != 0)
            {
                return new ChefOutcome(target, OutcomeStatus.Failed, $"could not write {file.Path} (exit code {code})");
            }
        }

        var reports = new StepReports();
        var exitCode = await executor.ExecuteAsync(plan.RenderScript(), ReadOnlyMemory<byte>.Empty,
            line => Handle(target, line, reports), ct);
        var outcome = reports.ToOutcome(target, exitCode) with { Elapsed = clock.Elapsed };
        Logger.Information("{Verb} {Chef} on {Host}: {Status} in {Elapsed}", plan.Verb, target.Chef.Name,
            target.Host.Name, outcome.Status, clock.Elapsed);
        return outcome;
    }

    private void Handle(Target target, HostOutput line, StepReports reports)
    {
        var text = Secret.RedactAll(secrets, line.Line);
        if (!line.IsError && text.StartsWith(Marker, StringComparison.Ordinal))
        {
            var report = text[Marker.Length..];
            if (report.StartsWith(StepReport, StringComparison.Ordinal))
            {
                output.Progress(target, report[StepReport.Length..]);
            }

            reports.Add(report);
            return;
        }

        reports.Remember(text);
        Logger.Verbose("[{Host}] {Chef} | {Line}", target.Host.Name, target.Chef.Name, text);
        output.Line(target, line with { Line = text });
    }

    /// <summary>What a host script reported about its steps, turned into one outcome.</summary>
    private sealed class StepReports
    {
        private readonly List<string> _changes = [];
        private readonly List<string> _failures = [];
        private readonly Queue<string> _lastLines = new();
        private string? _skipped;
        private string? _log;
        private string? _detached;

        public void Add(string report)
        {
            var space = report.IndexOf(' ');
            var (kind, message) = space < 0 ? (report, "") : (report[..space], report[(space + 1)..]);
            switch (kind)
            {
                case "changed": _changes.Add(message); break;
                case "failed": _failures.Add(message); break;
                case "skipped": _skipped = message; break;
                case "log": _log = message; break;
                case "detached": _detached = message; break;
            }
        }

        public void Remember(string line)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 5)
            {
                _lastLines.Dequeue();
            }
        }

        public ChefOutcome ToOutcome(Target target, int exitCode)
        {
            if (_skipped is not null)
            {
                return new ChefOutcome(target, OutcomeStatus.Skipped, _skipped, exitCode, _log);
            }

            if (exitCode != 0)
            {
                var reason = _failures.Count > 0 ? string.Join("; ", _failures) : FailureFromOutput(exitCode);
                return new ChefOutcome(target, OutcomeStatus.Failed, reason, exitCode, _log);
            }

            if (_detached is not null)
            {
                var detail = $"started in the background (pid {_detached}), log {_log}";
                return new ChefOutcome(target, OutcomeStatus.Ok, detail, exitCode, _log);
            }

            if (_log is not null)
            {
                return new ChefOutcome(target, OutcomeStatus.Ok, $"exit code 0, log {_log}", exitCode, _log);
            }

            return _changes.Count > 0
                ? new ChefOutcome(target, OutcomeStatus.Changed, string.Join("; ", _changes), exitCode)
                : new ChefOutcome(target, OutcomeStatus.Ok, "nothing to do", exitCode);
        }

        private string FailureFromOutput(int exitCode)
        {
            var text = new StringBuilder($"exit code {exitCode}");
            if (_log is not null)
            {
                text.Append($", log {_log}");
            }
            else if (_lastLines.Count > 0)
            {
                text.Append(" after: ").Append(_lastLines.Last());
            }

            return text.ToString();
        }
    }
}
