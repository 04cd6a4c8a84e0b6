namespace SushOps.Tests.Infrastructure;

/// <summary>Where a test sshd listens: this machine's loopback, or an address inside a network namespace.</summary>
/// <param name="Namespace">The network namespace, or null for this machine's own network.</param>
/// <param name="Address">The address clients connect to.</param>
public sealed record NetworkPlace(string? Namespace, string Address)
{
    /// <summary>127.0.0.1 on this machine, on a free port.</summary>
    public static NetworkPlace Loopback { get; } = new(null, "127.0.0.1");
}
