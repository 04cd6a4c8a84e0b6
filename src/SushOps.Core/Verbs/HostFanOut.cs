using SushOps.Hosts;
using SushOps.Targeting;

namespace SushOps.Verbs;

/// <summary>
/// Works on hosts side by side: one executor (one connection) per host, opened once for all the work on that
/// host. A host that cannot be reached is reported and never stops the others.
/// </summary>
public static class HostFanOut
{
    /// <summary>Groups <paramref name="items"/> by host and runs <paramref name="work"/> for each host.</summary>
    /// <param name="items">What to do, each for one host.</param>
    /// <param name="hostOf">The host of an item.</param>
    /// <param name="connect">Makes the executor for a host.</param>
    /// <param name="work">The work on one connected host, with that host's items in their original order.</param>
    /// <param name="unreachable">Called instead of the work when the host cannot be reached.</param>
    /// <param name="maxHosts">How many hosts at most are worked on at once; all of them when null.</param>
    /// <param name="cancellationToken">
    /// Stops the work: hosts already at work finish what their <paramref name="work"/> does when interrupted,
    /// the others are not started, and the method returns without throwing.
    /// </param>
    /// <param name="commandsAtOnce">
    /// How many of its items the work runs at once on a host; one when null. Pool threads are readied for them.
    /// </param>
    public static async Task ForEachHostAsync<T>(
        IEnumerable<T> items,
        Func<T, HostTarget> hostOf,
        Func<HostTarget, IHostExecutor> connect,
        Func<IHostExecutor, IReadOnlyList<T>, CancellationToken, Task> work,
        Action<IReadOnlyList<T>, HostUnreachableException> unreachable,
        int? maxHosts,
        CancellationToken cancellationToken,
        Func<HostTarget, int>? commandsAtOnce = null)
    {
        var byHost = items.GroupBy(hostOf).ToList();
        var hostsAtOnce = Math.Max(1, maxHosts ?? byHost.Count);
        var commands = byHost.Select(g => Math.Min(g.Count(), commandsAtOnce?.Invoke(g.Key) ?? 1))
            .OrderDescending().Take(hostsAtOnce).Sum();
        using var threads = PoolThreads.Reserve(commands * PoolThreads.PerCommand);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = hostsAtOnce,
            CancellationToken = cancellationToken,
        };
        await UntilInterruptedAsync(Parallel.ForEachAsync(byHost, options, async (group, ct) =>
        {
            var hostItems = group.ToList();
            await using var executor = connect(group.Key);
            try
            {
                await executor.ConnectAsync(ct);
            }
            catch (HostUnreachableException e)
            {
                unreachable(hostItems, e);
                return;
            }

            await work(executor, hostItems, ct);
        }), cancellationToken);
    }

    /// <summary>
    /// Waits for <paramref name="work"/>; its cancellation by <paramref name="interrupted"/> is no error.
    /// </summary>
    public static async Task UntilInterruptedAsync(Task work, CancellationToken interrupted)
    {
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            // What was done is reported by the caller; what was not started stays so.
        }
    }
}
