namespace SushOps.Verbs;

/// <summary>
/// Readies thread-pool threads for work that blocks them. SSH.NET waits for a command's output on pool threads,
/// blocking two of them per running command, and libgit2 blocks one while it lists a remote. Beyond the few
/// threads the pool starts with, it adds one at a time after a delay, so commands that could run at once queued
/// behind each other (on 2 cores, 30 chefs on 3 hosts took 15% longer). Threads are still made only when needed.
/// </summary>
internal static class PoolThreads
{
    /// <summary>The threads one running command blocks, and one to spare for the work around it.</summary>
    public const int PerCommand = 3;

    private const int Limit = 512;
    private static readonly object Sync = new();
    private static int? _baseline;
    private static int _reserved;

    /// <summary>
    /// Has the pool start <paramref name="threads"/> more threads without delay until the result is disposed.
    /// Reservations of work that runs side by side add up.
    /// </summary>
    public static IDisposable Reserve(int threads)
    {
        lock (Sync)
        {
            _reserved += threads;
            Apply();
        }

        return new Reservation(threads);
    }

    private static void Apply()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        _baseline ??= workers;
        ThreadPool.SetMinThreads(Math.Min(Limit, _baseline.Value + _reserved), completionPorts);
    }

    private sealed class Reservation(int threads) : IDisposable
    {
        private int _threads = threads;

        public void Dispose()
        {
            var threads = Interlocked.Exchange(ref _threads, 0);
            lock (Sync)
            {
                _reserved -= threads;
                Apply();
            }
        }
    }
}
