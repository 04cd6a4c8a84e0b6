namespace SushOps.Configuration;

/// <summary>How sushops logs in to hosts.</summary>
/// <param name="IdentityFile">Private key file; the usual ~/.ssh keys are tried when null.</param>
/// <param name="KnownHosts">The known_hosts file that host keys are checked against.</param>
/// <param name="ConnectTimeout">Seconds to wait for a host to answer.</param>
public sealed record SshSettings(string? IdentityFile, string KnownHosts, int ConnectTimeout)
{
    /// <summary>The settings used when the config says nothing.</summary>
    public static SshSettings Default { get; } = new(
        null,
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts"),
        10);
}
