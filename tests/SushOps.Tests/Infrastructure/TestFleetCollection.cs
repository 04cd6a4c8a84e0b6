namespace SushOps.Tests.Infrastructure;

/// <summary>
/// The "fleet" test collection: its classes share one <see cref="TestFleetFixture"/> and run one after another
/// (beside the other collections).
/// </summary>
[CollectionDefinition(Name)]
public sealed class TestFleetCollection : ICollectionFixture<TestFleetFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fleet";
}
