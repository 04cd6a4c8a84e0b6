namespace SushOps.Tests.Infrastructure;

/// <summary>
/// Holds the three-host <see cref="TestFleet"/> (a, b, c, each reachable from this machine) shared by the classes
/// of <see cref="TestFleetCollection"/>. Tests that stop or cut off a host start a fleet of their own.
/// </summary>
public sealed class TestFleetFixture : IAsyncLifetime
{
    private readonly string? _whyUnavailable = SshServer.WhyUnavailable();
    private TestFleet? _fleet;

    /// <summary>The running fleet; skips the calling test when sshd cannot run here (fails it in CI).</summary>
    public TestFleet Fleet
    {
        get
        {
            TestRequirement.Require(_whyUnavailable);
            var fleet = _fleet ?? throw new InvalidOperationException("The fleet fixture has not been started.");
            TestFleetNotes.Tell(fleet);
            return fleet;
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (_whyUnavailable is null)
        {
            _fleet = await TestFleet.StartAsync(["a", "b", "c"], null, TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }
    }
}
