namespace SushOps.Hosts;

/// <summary>One SSH server to log in to, everything about it resolved: the host itself or a jump host.</summary>
/// <param name="Name">The host as the operator named it (an ssh_config alias, a name or an address).</param>
/// <param name="HostName">What to connect to, and the name its key is looked up under in known_hosts.</param>
/// <param name="Port">The SSH port.</param>
/// <param name="User">The login user.</param>
/// <param name="IdentityFile">
/// The key files to offer, in order; null when nothing names one, so the usual ~/.ssh keys are tried.
/// </param>
public sealed record SshEndpoint(
    string Name, string HostName, int Port, string User, IReadOnlyList<string>? IdentityFile)
{
    /// <summary>The endpoint as <c>user@host[:port]</c>, for messages.</summary>
    public override string ToString()
    {
        var host = HostName.Contains(':') ? $"[{HostName}]" : HostName;
        return Port == 22 ? $"{User}@{host}" : $"{User}@{host}:{Port}";
    }
}
