using SushOps.Verbs;

namespace SushOps.Tests.Verbs;

public sealed class PoolThreadsTests
{
    [Fact]
    public void Commands_side_by_side_get_pool_threads_without_delay_for_their_output_readers()
    {
        PoolThreads.ReserveFor(40);

        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= 40 * 2, $"{workers} threads ready for 40 commands that block two each");
    }

    [Fact]
    public void A_smaller_reservation_never_lowers_the_threads_ready()
    {
        PoolThreads.ReserveFor(30);
        ThreadPool.GetMinThreads(out var before, out _);

        PoolThreads.ReserveFor(1);

        ThreadPool.GetMinThreads(out var after, out _);
        Assert.True(after >= before, $"{after} threads ready after asking for one command, {before} before");
    }
}
