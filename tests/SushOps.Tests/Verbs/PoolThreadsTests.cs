using SushOps.Verbs;

namespace SushOps.Tests.Verbs;

[Collection(nameof(PoolThreadsTests))]
[CollectionDefinition(nameof(PoolThreadsTests), DisableParallelization = true)]
public sealed class PoolThreadsTests
{
    [Fact]
    public void Reservations_side_by_side_add_up_and_each_ends_with_its_work()
    {
        ThreadPool.GetMinThreads(out var before, out _);

        using (PoolThreads.Reserve(40 * PoolThreads.PerCommand))
        {
            using (PoolThreads.Reserve(16))
            {
                Assert.Equal(before + 136, MinWorkers());
            }

            Assert.Equal(before + 120, MinWorkers());
        }

        Assert.Equal(before, MinWorkers());
    }

    [Fact]
    public void A_reservation_disposed_twice_is_given_back_once()
    {
        ThreadPool.GetMinThreads(out var before, out _);
        using var kept = PoolThreads.Reserve(5);
        var reservation = PoolThreads.Reserve(10);

        reservation.Dispose();
        reservation.Dispose();

        Assert.Equal(before + 5, MinWorkers());
    }

    private static int MinWorkers()
    {
        ThreadPool.GetMinThreads(out var workers, out _);
        return workers;
    }
}
