namespace SushOps.Tests.Infrastructure;

/// <summary>
/// Holds the one <see cref="SshServer"/> shared by the test classes in <see cref="SshServerCollection"/>. It starts
/// with the first of them and stops after the last; on a machine where sshd cannot run it starts nothing, and
/// <see cref="Server"/> skips the test (or fails it in CI).
/// </summary>
public sealed class SshServerFixture : IAsyncLifetime
{
    private readonly string? _whyUnavailable = SshServer.WhyUnavailable();
    private SshServer? _server;

    /// <summary>The running server; skips the calling test when there is none.</summary>
    public SshServer Server
    {
        get
        {
            TestRequirement.Require(_whyUnavailable);
            return _server ?? throw new InvalidOperationException("The sshd fixture has not been started.");
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (_whyUnavailable is null)
        {
            _server = await SshServer.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
