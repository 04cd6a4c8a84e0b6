namespace SushOps.Hosts;

/// <summary>How to reach a host: through zero or more jump hosts (ProxyJump), first hop first.</summary>
/// <param name="Jumps">The jump hosts, in the order they are passed through.</param>
/// <param name="Target">The host itself.</param>
public sealed record SshRoute(IReadOnlyList<SshEndpoint> Jumps, SshEndpoint Target);
