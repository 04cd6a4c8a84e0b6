namespace SushOps;

/// <summary>The process exit codes sushops documents in its README.</summary>
public static class ExitCodes
{
    /// <summary>Every operation on every target succeeded.</summary>
    public const int Ok = 0;

    /// <summary>An operation failed on at least one target.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage, inventory or config; nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>A host was unreachable or its key was refused, and nothing failed.</summary>
    public const int Unreachable = 3;

    /// <summary>promote held a staged tree back for a person (a review rule failed, or no deploy account).</summary>
    public const int Held = 4;

    /// <summary>The operator interrupted the work.</summary>
    public const int Interrupted = 130;
}
