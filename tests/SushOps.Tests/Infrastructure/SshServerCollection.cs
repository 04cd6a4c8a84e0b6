namespace SushOps.Tests.Infrastructure;

/// <summary>
/// The "ssh" test collection: classes marked <c>[Collection(SshServerCollection.Name)]</c> take a
/// <see cref="SshServerFixture"/> in their constructor and share its one sshd.
/// </summary>
/// <remarks>
/// A collection fixture rather than an assembly fixture, so sshd starts only when a test that needs it runs (a
/// filtered run of unit tests pays nothing). The price is that the collection's classes run one after another;
/// tests that want parallel connections make them inside one test (the server allows 50 unauthenticated
/// connections at once and OpenSSH's default of 10 sessions per connection).
/// </remarks>
[CollectionDefinition(Name)]
public sealed class SshServerCollection : ICollectionFixture<SshServerFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "ssh";
}
