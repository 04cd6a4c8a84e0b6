using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Health;

/// <summary>
/// The script <c>doctor</c> runs on a host: it prints what chefs need and what it found, one
/// <c>name TAB value</c> line each (an empty value: not found).
/// </summary>
public static class DoctorScript
{
    /// <summary>The script for <paramref name="host"/>, with its role's python.</summary>
    public static string For(HostTarget host) => $$"""
        set -u
        chefs_dir={{ShellQuote.Path(host.ChefsDir)}}
        python={{ShellQuote.Quote(host.Python)}}
        where=$chefs_dir
        [ -d "$where" ] || where=$HOME
        say() { printf '%s\t%s\n' "$1" "$(printf '%s' "$2" | head -n 1)"; }
        say now "$(date -u +%s)"
        say git "$(git --version 2>/dev/null)"
        if command -v "$python" >/dev/null 2>&1; then
            say python "$("$python" --version 2>&1)"
            # Debian's python3 makes no virtualenv without ensurepip, which python3-venv adds.
            if "$python" -c 'import venv, ensurepip' 2>/dev/null; then say venv yes; else say venv ""; fi
        else
            say python ""
            say venv ""
        fi
        say flock "$(command -v flock)"
        say crontab "$(command -v crontab)"
        say cron_daemon "$( (pgrep -x cron || pgrep -x crond || ps -e -o comm= | grep -x -E 'cron|crond') 2>/dev/null)"
        say ffmpeg "$(command -v ffmpeg)"
        say curl "$(command -v curl)"
        say disk_free_kb "$(df -Pk "$where" 2>/dev/null | awk 'NR == 2 { print $4 }')"
        say inodes_free "$(df -Pi "$where" 2>/dev/null | awk 'NR == 2 { print $4 }')"
        say where "$where"
        """;
}
