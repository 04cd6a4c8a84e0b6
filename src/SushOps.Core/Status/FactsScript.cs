using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Status;

/// <summary>
/// The one script that gathers everything <c>status</c> shows about a host and its chefs in a single round trip.
/// It prints JSON lines: first the host's facts, then one line per chef. Free text (records, the crontab, log
/// lines, branch names) travels base64-encoded, so nothing the host holds can break the JSON.
/// </summary>
public static class FactsScript
{
    /// <summary>How many of each chef's newest run records are sent.</summary>
    public const int Records = 10;

    /// <summary>How many lines of the end of a failed run's log are sent, to name its cause.</summary>
    public const int LogTailLines = 60;

    /// <summary>The script for <paramref name="chefs"/> on <paramref name="host"/>.</summary>
    public static string For(HostTarget host, IEnumerable<string> chefs) => $$"""
        set -u
        chefs_dir={{ShellQuote.Path(host.ChefsDir)}}
        b64() { base64 | tr -d '\n'; }
        where=$chefs_dir
        [ -d "$where" ] || where=$HOME
        free=$(df -Pk "$where" 2>/dev/null | awk 'NR == 2 { print $4 }' | tr -cd '0-9')
        crontab=$( { crontab -l 2>/dev/null || true; } | b64)
        printf '{"now":%s,"utc_offset":"%s","disk_free_kb":%s,"crontab":"%s"}\n' \
            "$(date -u +%s)" "$(date +%z | tr -cd '0-9+-')" "${free:-null}" "$crontab"
        for chef in {{ShellQuote.Join(chefs)}}; do
            chef_dir="$chefs_dir/$chef"
            runs="$chef_dir/runs"
            setup=false
            if [ -d "$chef_dir/repo/.git" ] && [ -x "$chef_dir/venv/bin/python" ]; then setup=true; fi
            commit=$(git -C "$chef_dir/repo" rev-parse HEAD 2>/dev/null | tr -cd '0-9a-f')
            branch=$(git -C "$chef_dir/repo" symbolic-ref --quiet --short HEAD 2>/dev/null | b64)
            running_pid=null
            running_run=""
            for pidfile in "$runs"/*.pid; do
                [ -f "$pidfile" ] || continue
                pid=$(tr -cd '0-9' <"$pidfile")
                # The .pid file holds the chef's process group while it runs; a stale one names no live group.
                if [ -n "$pid" ] && kill -0 "-$pid" 2>/dev/null; then
                    running_pid=$pid
                    running_run=$(basename "$pidfile" .pid)
                fi
            done
            records=""
            log_tail=""
            judged=""
            for name in $(ls -1 "$runs" 2>/dev/null | grep '^[0-9TZ-]*\.json$' | sort -r | head -n {{Records}}); do
                file="$runs/$name"
                records="$records${records:+,}{\"name\":\"${name%.json}\",\"text\":\"$(b64 <"$file")\"}"
                [ -z "$judged" ] || continue
                grep -q '"result":"skipped"' "$file" && continue
                judged=1
                if ! grep -q '"result":"ok"' "$file"; then
                    log_tail=$(tail -n {{LogTailLines}} "$runs/${name%.json}.log" 2>/dev/null | b64)
                fi
            done
            printf '{"chef":"%s","setup":%s,"commit":"%s","branch":"%s","running_pid":%s,"running_run":"%s",%s\n' \
                "$chef" "$setup" "$commit" "$branch" "$running_pid" "$running_run" \
                "\"records\":[$records],\"log_tail\":\"$log_tail\"}"
        done
        """;
}
