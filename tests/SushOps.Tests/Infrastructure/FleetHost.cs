namespace SushOps.Tests.Infrastructure;

/// <summary>One host of a <see cref="TestFleet"/>.</summary>
/// <param name="Name">The short name the test gave it (a, b, c…).</param>
/// <param name="Server">Its sshd.</param>
/// <param name="Namespace">Its network namespace, or null when it is a loopback port of this machine.</param>
/// <param name="Link">Its end of the veth pair inside the namespace, or null on loopback.</param>
public sealed record FleetHost(string Name, SshServer Server, string? Namespace, string? Link)
{
    /// <summary>The address it is reached at.</summary>
    public string Address => Server.Host;

    /// <summary>The SSH port.</summary>
    public int Port => Server.Port;

    /// <summary><c>sushops-test@ADDRESS</c>, with <c>:PORT</c> unless the port is 22.</summary>
    public string Login => Port == 22 ? $"{Server.User}@{Address}" : $"{Server.User}@{Address}:{Port}";
}
