using System.Globalization;
using SushOps.Shell;

namespace SushOps.Hosts;

/// <summary>
/// Bounds how long a remote script may run (<c>ssh.command_timeout</c>): the host's own <c>timeout</c> command runs
/// it, so a script that hangs is stopped there, with its whole process group, and not only left behind by sushops.
/// </summary>
public static class CommandLimit
{
    /// <summary>The exit code of a script that was stopped because it ran too long (that of <c>timeout</c>).</summary>
    public const int TimedOutExitCode = 124;

    /// <summary>Seconds between TERM and KILL for a script that does not stop when asked.</summary>
    public const int KillAfterSeconds = 10;

    /// <summary>
    /// The shell that runs <paramref name="script"/> for at most <paramref name="seconds"/>, or the script itself
    /// when there is no limit. <c>timeout</c> passes on the signals it gets (TERM, INT, HUP) to the script. A host
    /// without a <c>timeout</c> command runs the script with no limit.
    /// </summary>
    public static string Wrap(string script, int? seconds)
    {
        if (seconds is not { } limit)
        {
            return script;
        }

        var quoted = ShellQuote.Quote(script);
        var duration = limit.ToString(CultureInfo.InvariantCulture);
        var kill = KillAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return $"if command -v timeout >/dev/null 2>&1; then exec timeout -k {kill} {duration} /bin/sh -c {quoted}; "
            + $"else exec /bin/sh -c {quoted}; fi";
    }
}
