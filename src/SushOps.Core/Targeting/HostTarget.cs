using SushOps.Configuration;

namespace SushOps.Targeting;

/// <summary>A host that chefs are set up and run on, with the settings of the role it was picked through.</summary>
/// <param name="Role">The role that supplies chefs_dir and python.</param>
/// <param name="Address">Where to log in by SSH; null for this machine.</param>
public sealed record HostTarget(RoleConfig Role, HostAddress? Address)
{
    /// <summary>This machine, reached without SSH.</summary>
    public bool IsLocal => Address is null;

    /// <summary>The host's name in output: <c>local</c> or the address as configured.</summary>
    public string Name => Address?.ToString() ?? RoleConfig.LocalName;

    /// <summary>The directory holding every chef on this host.</summary>
    public string ChefsDir => Role.ChefsDir;

    /// <summary>The interpreter that makes virtualenvs here.</summary>
    public string Python => Role.Python;
}
