namespace SushOps.Verbs;

/// <summary>How a verb ended for one chef on one host, in the order a recap counts them.</summary>
public enum OutcomeStatus
{
    /// <summary>Nothing needed doing.</summary>
    Ok,

    /// <summary>Something on the host was changed.</summary>
    Changed,

    /// <summary>Not done, on purpose (a run that was still going).</summary>
    Skipped,

    /// <summary>The host could not be reached or its key was refused.</summary>
    Unreachable,

    /// <summary>A step failed.</summary>
    Failed,
}
