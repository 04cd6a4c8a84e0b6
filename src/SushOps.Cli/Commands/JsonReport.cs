using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>The document <c>--json</c> prints: per host, the recap counts and each chef's result.</summary>
internal sealed record JsonReport(string Verb, bool DryRun, int ExitCode, IReadOnlyList<JsonReport.HostReport> Hosts)
{
    public static JsonReport Of(string verb, bool dryRun, int exitCode, IReadOnlyList<ChefOutcome> outcomes) => new(
        verb,
        dryRun,
        exitCode,
        outcomes.GroupBy(o => o.Target.Host.Name).Select(host => new HostReport(
            host.Key,
            Enum.GetValues<OutcomeStatus>().ToDictionary(
                s => s.ToString().ToLowerInvariant(),
                s => host.Count(o => o.Status == s)),
            host.Select(o => new ChefReport(
                o.Target.Chef.Name,
                o.Status.ToString().ToLowerInvariant(),
                o.Detail,
                o.ExitCode,
                o.LogPath,
                Math.Round(o.Elapsed.TotalSeconds, 3))).ToList())).ToList());

    public sealed record HostReport(
        string Host,
        IReadOnlyDictionary<string, int> Recap,
        IReadOnlyList<ChefReport> Chefs);

    public sealed record ChefReport(
        string Chef,
        string Status,
        string Detail,
        int? ExitCode,
        string? Log,
        double ElapsedSeconds);
}
