namespace SushOps.Hosts;

/// <summary>A host that could not be reached or whose key was refused: exit code 3.</summary>
public sealed class HostUnreachableException(string message, Exception? inner = null)
    : SushOpsException(message, ExitCodes.Unreachable, inner)
{
    /// <summary>True when trying again may work (no answer), false when it cannot (a refused key or login).</summary>
    public bool MayPass { get; init; }
}
