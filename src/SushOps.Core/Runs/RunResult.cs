namespace SushOps.Runs;

/// <summary>How a run ended, as the runner writes it in the record's <c>result</c>.</summary>
public enum RunResult
{
    /// <summary>A result this version of sushops does not know.</summary>
    Unknown,

    /// <summary>The chef exited with 0.</summary>
    Ok,

    /// <summary>The chef exited with another code.</summary>
    Failed,

    /// <summary>The chef was still running, so this start was not started.</summary>
    Skipped,

    /// <summary>The chef ran longer than the role's <c>max_run_hours</c> and was stopped.</summary>
    TimedOut,

    /// <summary>The runner got TERM, INT or HUP (Ctrl-C, a dropped connection) and stopped the chef.</summary>
    Interrupted,

    /// <summary>An operator stopped the chef with <c>sushops stop</c>.</summary>
    Stopped,
}
