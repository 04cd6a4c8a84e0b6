using System.Text.Json;
using Serilog;
using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Status;

/// <summary>
/// Gathers the status of chefs on their hosts: one facts script per host (one round trip, whatever the number of
/// chefs), hosts side by side, and each distinct remote repository listed once from this machine meanwhile.
/// </summary>
public sealed class StatusGatherer(Func<HostTarget, IHostExecutor> connect)
{
    private static readonly ILogger Logger = Log.ForContext<StatusGatherer>();

    /// <summary>How many hosts at most are asked at once; all of them when null.</summary>
    public int? MaxHosts { get; init; }

    /// <summary>One row per target, in the order of the targets.</summary>
    public async Task<IReadOnlyList<ChefStatus>> GatherAsync(
        IReadOnlyList<Target> targets,
        CancellationToken cancellationToken)
    {
        var remotes = RemoteHeads.ReadAllAsync(targets.Select(t => t.Chef.RepoUrl), cancellationToken);
        var rows = new ChefStatus[targets.Count];
        await HostFanOut.ForEachHostAsync(
            targets.Select((target, index) => (Target: target, Index: index)),
            item => item.Target.Host,
            connect,
            async (executor, items, ct) =>
            {
                foreach (var (index, row) in await AskHostAsync(executor, items, ct))
                {
                    rows[index] = row;
                }
            },
            (items, e) =>
            {
                foreach (var (target, index) in items)
                {
                    rows[index] = new ChefStatus(target) { Problem = e.Message };
                }
            },
            MaxHosts,
            cancellationToken);

        var heads = await remotes;
        return rows
            .Select(row => row.Problem is null ? StatusRows.WithRemote(row, heads[row.Target.Chef.RepoUrl]) : row)
            .ToList();
    }

    private static async Task<List<(int Index, ChefStatus Row)>> AskHostAsync(
        IHostExecutor executor,
        IReadOnlyList<(Target Target, int Index)> items,
        CancellationToken ct)
    {
        var lines = new List<string>();
        var errors = new List<string>();
        string? problem;
        try
        {
            var script = FactsScript.For(executor.Host, items.Select(i => i.Target.Chef.Name).Distinct());
            var code = await executor.ExecuteAsync(script, ReadOnlyMemory<byte>.Empty,
                line => (line.IsError ? errors : lines).Add(line.Line), ct);
            problem = code == 0 && lines.Count > 0 ? null
                : $"the status script failed on {executor.Host.Name} (exit code {code}): {string.Join(' ', errors)}";
        }
        catch (HostUnreachableException e)
        {
            problem = e.Message;
        }

        Logger.Debug("Status of {Count} chefs on {Host} in one script: {Lines} lines", items.Count,
            executor.Host.Name, lines.Count);
        if (problem is null && Parse(lines) is var (host, chefs))
        {
            // Positional patterns match only a value that is there: a null from Parse falls through.
            return items.Select(i => (i.Index, chefs.TryGetValue(i.Target.Chef.Name, out var chef)
                ? StatusRows.Build(i.Target, host, chef)
                : new ChefStatus(i.Target) { Problem = "the status script said nothing about this chef" })).ToList();
        }

        problem ??= $"the status script on {executor.Host.Name} printed something that is not its JSON";
        return items.Select(i => (i.Index, new ChefStatus(i.Target) { Problem = problem })).ToList();
    }

    private static (HostFacts Host, Dictionary<string, ChefFacts> Chefs)? Parse(List<string> lines)
    {
        try
        {
            var host = JsonSerializer.Deserialize(lines[0], CoreJson.Default.HostFacts)!;
            var chefs = lines.Skip(1)
                .Select(line => JsonSerializer.Deserialize(line, CoreJson.Default.ChefFacts)!)
                .ToDictionary(chef => chef.Chef);
            return (host, chefs);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            Logger.Warning("Unreadable status facts: {Error}", e.Message);
            return null;
        }
    }
}
