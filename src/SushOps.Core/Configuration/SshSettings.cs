namespace SushOps.Configuration;

/// <summary>How sushops logs in to hosts.</summary>
/// <param name="IdentityFile">Private key file; the usual ~/.ssh keys are tried when null.</param>
/// <param name="KnownHosts">The known_hosts file that host keys are checked against.</param>
/// <param name="ConnectTimeout">Seconds to wait for a host to answer.</param>
public sealed record SshSettings(string? IdentityFile, string KnownHosts, int ConnectTimeout)
{
    /// <summary>Log in as this user on every host, whatever the host's address says (<c>--user</c>).</summary>
    public string? User { get; init; }

    /// <summary>Trust and record the key of a host known_hosts does not list yet, never a changed one.</summary>
    public bool AcceptNewHostKeys { get; init; }

    /// <summary>How many times to try to connect before a host counts as unreachable.</summary>
    public int ConnectionAttempts { get; init; } = 1;

    /// <summary>The value of <see cref="ConfigFile"/> that turns reading ssh_config off.</summary>
    public const string NoConfigFile = "none";

    /// <summary>
    /// The OpenSSH client config that host names resolve through (<c>ssh -G -F FILE</c>); null for OpenSSH's own
    /// choice (<c>~/.ssh/config</c>, then <c>/etc/ssh/ssh_config</c>), <see cref="NoConfigFile"/> to read none.
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// Seconds between keepalive probes on an open connection; a host that answers none of
    /// <see cref="KeepAliveCountMax"/> probes in a row counts as unreachable.
    /// </summary>
    public int KeepAliveInterval { get; init; } = 30;

    /// <summary>
    /// Seconds a remote script may run before the host stops it (exit code 124); null for no limit, the default.
    /// </summary>
    public int? CommandTimeout { get; init; }

    /// <summary>How many keepalive probes in a row may go unanswered before the connection counts as lost.</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    /// <summary>The settings used when the config says nothing.</summary>
    public static SshSettings Default { get; } = new(
        null,
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts"),
        10);
}
