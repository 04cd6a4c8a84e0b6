namespace SushOps.Verbs;

/// <summary>
/// Readies thread-pool threads for commands that run side by side. SSH.NET waits for a command's output on
/// pool threads, blocking two of them per running command; beyond the few threads the pool starts with, it adds
/// one at a time after a delay, so commands that could run at once queued behind each other (on 2 cores, 30
/// chefs on 3 hosts took 15% longer). Threads are still made only when needed.
/// </summary>
internal static class PoolThreads
{
    private const int PerCommand = 3;
    private const int Limit = 512;

    /// <summary>Makes sure the pool starts threads without delay for <paramref name="commands"/> at once.</summary>
    public static void ReserveFor(int commands)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Math.Min(Limit, (commands * PerCommand) + Environment.ProcessorCount);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
