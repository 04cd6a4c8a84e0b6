using SushOps.Plans;
using SushOps.Targeting;

namespace SushOps.Scheduling;

/// <summary>What schedule or unschedule wants one host's crontab to hold.</summary>
/// <param name="Host">The host whose login user's crontab is edited.</param>
/// <param name="Targets">The chefs asked for on this host.</param>
/// <param name="Wanted">The entry line each scheduled chef should have.</param>
/// <param name="Scope">Which of sushops' entries may be changed or removed.</param>
/// <param name="Files">Secret files the entries need on the host (the Studio token, the alert webhook).</param>
public sealed record CrontabPlan(
    HostTarget Host,
    IReadOnlyList<Target> Targets,
    IReadOnlyDictionary<string, string> Wanted,
    CrontabScope Scope,
    IReadOnlyList<HostFile> Files)
{
    /// <summary>Where the alert webhook is kept on a host, relative to the chefs directory.</summary>
    public const string WebhookPath = ".sushops/alert-webhook";

    /// <summary>
    /// The plan of <c>schedule</c>: an entry for each target chef that has a schedule, and the
    /// <paramref name="webhook"/> the runner posts failed runs to, when alerts are configured.
    /// </summary>
    public static IReadOnlyList<CrontabPlan> Schedule(
        IReadOnlyList<Target> targets,
        RunOptions options,
        bool all,
        Secret? webhook = null) =>
        targets.GroupBy(t => t.Host).Select(host =>
        {
            var chefs = host.ToList();
            var wanted = new Dictionary<string, string>();
            foreach (var target in chefs)
            {
                if (CronEntry.For(target, options) is { } line)
                {
                    wanted[target.Chef.Name] = line;
                }
            }

            var files = chefs.Count == 0 ? [] : Planner.ChefCommand(chefs[0], options).Files.ToList();
            if (webhook is not null)
            {
                files.Add(new HostFile($"{host.Key.ChefsDir.TrimEnd('/')}/{WebhookPath}", webhook));
            }

            return new CrontabPlan(host.Key, chefs, wanted, ScopeOf(chefs, all), files);
        }).ToList();

    /// <summary>The plan of <c>unschedule</c>: no entries wanted, the chefs' (or all) entries in scope.</summary>
    public static IReadOnlyList<CrontabPlan> Unschedule(IReadOnlyList<Target> targets, bool all) =>
        targets.GroupBy(t => t.Host)
            .Select(host => new CrontabPlan(host.Key, host.ToList(), new Dictionary<string, string>(),
                ScopeOf(host.ToList(), all), []))
            .ToList();

    private static CrontabScope ScopeOf(List<Target> chefs, bool all) =>
        new(all, chefs.Select(t => t.Chef.Name).ToHashSet());
}
