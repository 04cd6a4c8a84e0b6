using SushOps.Shell;

namespace SushOps.Scheduling;

/// <summary>The host side of crontab edits: read it exactly, and install a new one only if it is unchanged.</summary>
public static class CrontabScripts
{
    /// <summary>The exit code of the install script when the crontab changed since it was read.</summary>
    public const int Conflict = 75;

    /// <summary>
    /// Prints the host's time zone line (<see cref="HostCronZone.Script"/>), then the login user's crontab as
    /// base64, so its bytes arrive exactly (no crontab reads as empty).
    /// </summary>
    public const string Read = HostCronZone.Script + "\n" + """
        set -eu
        command -v crontab >/dev/null 2>&1 ||
            { echo "crontab is not installed on this host (Debian: apt-get install cron)" >&2; exit 1; }
        tmp=$(mktemp)
        err=$(mktemp)
        trap 'rm -f "$tmp" "$err"' EXIT
        if ! crontab -l >"$tmp" 2>"$err"; then
            grep -qi "no crontab" "$err" || { cat "$err" >&2; exit 1; }
            : >"$tmp"
        fi
        base64 <"$tmp"
        """;

    /// <summary>
    /// Installs standard input as the crontab under a per-user lock, unless the crontab no longer has the
    /// SHA-256 <paramref name="expectedHash"/> it had when read: then it exits with <see cref="Conflict"/>
    /// and changes nothing. crontab itself refuses a broken file and keeps the old one.
    /// </summary>
    public static string Install(string expectedHash) => $$"""
        set -eu
        # The new crontab is read in full before the lock is taken, so the lock is never held while waiting
        # for input, and a standard input that never ends fails the install instead of hanging it.
        new=$(mktemp)
        trap 'rm -f "$new"' EXIT
        timeout 60 cat >"$new" || { echo "the new crontab did not arrive within 60 s" >&2; exit 1; }
        lock_dir="$HOME/.cache/sushops"
        mkdir -p "$lock_dir"
        exec 9>>"$lock_dir/crontab.lock"
        flock -w 60 9 || { echo "another sushops held the crontab lock for 60 s" >&2; exit 1; }
        current=$( { crontab -l 2>/dev/null || true; } | sha256sum | cut -d ' ' -f 1)
        [ "$current" = {{ShellQuote.Quote(expectedHash)}} ] || exit {{Conflict}}
        crontab "$new" 9>&-
        """;
}
