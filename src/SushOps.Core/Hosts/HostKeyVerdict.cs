namespace SushOps.Hosts;

/// <summary>What a known_hosts file says about the key a host presented.</summary>
public enum HostKeyVerdict
{
    /// <summary>A line for the host holds this very key.</summary>
    Known,

    /// <summary>No line names the host: it has never been seen.</summary>
    Unknown,

    /// <summary>
    /// Lines name the host, but none holds this key. Either the host was reinstalled or someone is in the
    /// middle; sushops refuses it either way.
    /// </summary>
    Changed,

    /// <summary>An <c>@revoked</c> line for the host holds this key; it must never be accepted.</summary>
    Revoked,
}
