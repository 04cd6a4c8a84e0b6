using System.Security.Cryptography;
using System.Text;
using Serilog;
using SushOps.Hosts;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Scheduling;

/// <summary>
/// Carries out crontab plans on their hosts: install the runner and the token file, read the crontab, edit
/// sushops' entries, and install the result only if nobody changed the crontab in between (else read again).
/// </summary>
public sealed class ScheduleRunner(Func<HostTarget, IHostExecutor> connect, IVerbOutput output)
{
    private const int Attempts = 3;
    private static readonly ILogger Logger = Serilog.Log.ForContext<ScheduleRunner>();

    /// <summary>How many hosts at most are worked on at once; all of them when null.</summary>
    public int? MaxHosts { get; init; }

    /// <summary>
    /// Applies every plan; with <paramref name="dryRun"/> only reads each crontab and prints the changes.
    /// </summary>
    public async Task<IReadOnlyList<ChefOutcome>> RunAsync(
        IReadOnlyList<CrontabPlan> plans,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<ChefOutcome>();
        var gate = new Lock();
        await HostFanOut.ForEachHostAsync(
            plans,
            plan => plan.Host,
            connect,
            async (executor, hostPlans, ct) =>
            {
                var results = await ApplyOnHostAsync(executor, hostPlans.Single(), dryRun, ct);
                lock (gate)
                {
                    outcomes.AddRange(results);
                }
            },
            (hostPlans, e) =>
            {
                var results = hostPlans.Single().Targets
                    .Select(t => Report(new ChefOutcome(t, OutcomeStatus.Unreachable, e.Message)));
                lock (gate)
                {
                    outcomes.AddRange(results);
                }
            },
            MaxHosts,
            cancellationToken);
        return outcomes;
    }

    private async Task<List<ChefOutcome>> ApplyOnHostAsync(
        IHostExecutor executor,
        CrontabPlan plan,
        bool dryRun,
        CancellationToken ct)
    {
        try
        {
            if (!dryRun && plan.Wanted.Count > 0)
            {
                await PrepareHostAsync(executor, plan, ct);
            }

            for (var attempt = 1; ; attempt++)
            {
                var (current, zone) = await ReadAsync(executor, ct);
                if (attempt == 1 && plan.Wanted.Count > 0)
                {
                    WarnOfZone(plan.Host, zone);
                }

                var (edited, changes) = CrontabEdit.Apply(current, plan.Wanted, plan.Scope.Contains);
                if (dryRun || edited == current)
                {
                    return Outcomes(plan, changes, dryRun);
                }

                var refusal = new List<string>();
                var code = await executor.ExecuteAsync(
                    CrontabScripts.Install(Sha256(current)), Encoding.UTF8.GetBytes(edited), line =>
                    {
                        DebugLog(plan)(line);
                        refusal.Add(line.Line);
                    }, ct);
                if (code == 0)
                {
                    return Outcomes(plan, changes, dryRun: false);
                }

                if (code != CrontabScripts.Conflict || attempt == Attempts)
                {
                    // crontab says what it refused ("bad day-of-month", "command too long"); the old one stays.
                    var why = refusal.Count == 0 ? "" : ": " + string.Join(" ", refusal).Trim();
                    throw new CrontabException(
                        $"installing the crontab failed (exit code {code}), the old one is in place{why}");
                }

                Logger.Information(
                    "The crontab on {Host} changed while it was edited; reading it again", plan.Host.Name);
            }
        }
        catch (CrontabException e)
        {
            return plan.Targets.Select(t => Report(new ChefOutcome(t, OutcomeStatus.Failed, e.Message))).ToList();
        }
        catch (HostUnreachableException e)
        {
            return plan.Targets.Select(t => Report(new ChefOutcome(t, OutcomeStatus.Unreachable, e.Message))).ToList();
        }
    }

    private static async Task PrepareHostAsync(IHostExecutor executor, CrontabPlan plan, CancellationToken ct)
    {
        foreach (var file in plan.Files)
        {
            if (await HostFiles.WriteSecretAsync(executor, file, ct) != 0)
            {
                throw new CrontabException($"could not write {file.Path}");
            }
        }

        var script = ChefSteps.HostPreamble(plan.Host) + ChefSteps.InstallRunner().Script;
        if (await executor.ExecuteAsync(script, ReadOnlyMemory<byte>.Empty, DebugLog(plan), ct) != 0)
        {
            throw new CrontabException("could not install the runner in " + plan.Host.ChefsDir);
        }
    }

    private static async Task<(string Crontab, HostCronZone? Zone)> ReadAsync(
        IHostExecutor executor,
        CancellationToken ct)
    {
        var base64 = new StringBuilder();
        var errors = new StringBuilder();
        HostCronZone? zone = null;
        var code = await executor.ExecuteAsync(CrontabScripts.Read, ReadOnlyMemory<byte>.Empty, line =>
        {
            if (line.IsError)
            {
                errors.Append(line.Line).Append(' ');
            }
            else if (zone is null && HostCronZone.Parse(line.Line) is { } parsed)
            {
                zone = parsed;
            }
            else
            {
                base64.Append(line.Line);
            }
        }, ct);
        if (code != 0)
        {
            throw new CrontabException($"cannot read the crontab: {errors.ToString().Trim()}");
        }

        return (Encoding.UTF8.GetString(Convert.FromBase64String(base64.ToString())), zone);
    }

    private static void WarnOfZone(HostTarget host, HostCronZone? zone)
    {
        if (zone?.Mismatch(host, DateTimeOffset.UtcNow) is { } mismatch)
        {
            Logger.Warning("{Mismatch}", mismatch);
        }
    }

    private List<ChefOutcome> Outcomes(CrontabPlan plan, IReadOnlyList<CrontabChange> changes, bool dryRun)
    {
        var outcomes = new List<ChefOutcome>();
        var prefix = dryRun ? "would be " : "";
        foreach (var change in changes)
        {
            var target = plan.Targets.FirstOrDefault(t => t.Chef.Name == change.Chef)
                         ?? new Target(new Chef(change.Chef, "", ""), plan.Host);
            var (status, detail) = change.Kind switch
            {
                CrontabChangeKind.Unchanged => (OutcomeStatus.Ok, "schedule unchanged: " + change.Line),
                CrontabChangeKind.Added => (OutcomeStatus.Changed, $"{prefix}added: {change.Line}"),
                CrontabChangeKind.Changed => (OutcomeStatus.Changed, $"{prefix}changed to: {change.Line}"),
                _ => (OutcomeStatus.Changed, $"{prefix}removed: {change.Line}"),
            };
            outcomes.Add(Report(new ChefOutcome(target, status, detail)));
        }

        foreach (var target in plan.Targets.Where(t => changes.All(c => c.Chef != t.Chef.Name)))
        {
            var detail = target.Chef.Schedule is null ? "no schedule in the inventory" : "nothing to do";
            outcomes.Add(Report(new ChefOutcome(target, OutcomeStatus.Ok, detail)));
        }

        return outcomes;
    }

    private ChefOutcome Report(ChefOutcome outcome)
    {
        output.Outcome(outcome);
        return outcome;
    }

    private static Action<HostOutput> DebugLog(CrontabPlan plan) =>
        line => Logger.Debug("{Host}: {Line}", plan.Host.Name, line.Line);

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class CrontabException(string message) : Exception(message);
}
