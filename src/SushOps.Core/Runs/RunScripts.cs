using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Runs;

/// <summary>Host scripts that read runs: the chefs running now and their processes, and run logs.</summary>
public static class RunScripts
{
    /// <summary>The line marker before what the scripts say about themselves, as the plan scripts use.</summary>
    public const string Marker = "::sushops:: ";

    /// <summary>
    /// Prints every process of every chef that runs on the host now, one a line, tab-separated: chef, pid,
    /// seconds since it started, CPU percent, resident memory in KiB, command line.
    /// </summary>
    public static string Processes(HostTarget host) => $$"""
        set -u
        chefs_dir={{ShellQuote.Path(host.ChefsDir)}}
        for pidfile in "$chefs_dir"/*/runs/*.pid; do
            [ -f "$pidfile" ] || continue
            pgid=$(tr -cd '0-9' <"$pidfile")
            [ -n "$pgid" ] && kill -0 "-$pgid" 2>/dev/null || continue
            chef=$(basename "$(dirname "$(dirname "$pidfile")")")
            # The chef's setsid made it the leader of a session of its own: every process it started is in it.
            ps -o pid=,etimes=,pcpu=,rss=,args= -s "$pgid" 2>/dev/null | while read -r pid etimes cpu rss args; do
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$chef" "$pid" "$etimes" "$cpu" "$rss" "$args"
            done
        done
        """;

    /// <summary>
    /// Lists the chef's runs that have a log, newest first, one a line, tab-separated: the run's name, then
    /// <c>running</c>, or its record base64-encoded, or nothing when it has none.
    /// </summary>
    public static string ListLogs(Target target) => Preamble(target) + """
        for log in $(ls -1 "$runs" 2>/dev/null | grep '^[0-9TZ-]*\.log$' | sort -r); do
            name=${log%.log}
            if running "$name"; then
                printf '%s\trunning\n' "$name"
            elif [ -f "$runs/$name.json" ]; then
                printf '%s\t%s\n' "$name" "$(base64 <"$runs/$name.json" | tr -d '\n')"
            else
                printf '%s\t\n' "$name"
            fi
        done
        """;

    /// <summary>
    /// Prints the log of the chef's <paramref name="nth"/> newest run (1 is the last), all of it or its last
    /// <paramref name="lines"/>; with <paramref name="follow"/>, goes on printing while that run goes on, until
    /// the runner has recorded its end. The first line names the log after <see cref="Marker"/>.
    /// </summary>
    public static string PrintLog(Target target, int nth, int? lines, bool follow)
    {
        var tail = lines is { } count ? $"tail -n {count}" : "cat";
        var followTail = lines is { } n ? $"tail -n {n} -f" : "tail -n +1 -f";
        return Preamble(target) + $$"""
            log=$(ls -1 "$runs" 2>/dev/null | grep '^[0-9TZ-]*\.log$' | sort -r | sed -n '{{nth}}p')
            if [ -z "$log" ]; then
                echo "no run number {{nth}} of {{target.Chef.Name}} here; see sushops logs --list" >&2
                exit 3
            fi
            name=${log%.log}
            printf '{{Marker}}log %s\n' "$runs/$log"
            if [ {{(follow ? "1" : "0")}} = 1 ] && running "$name"; then
                {{followTail}} "$runs/$log" &
                follower=$!
                trap 'kill "$follower" 2>/dev/null' EXIT INT TERM HUP
                while [ ! -e "$runs/$name.json" ]; do sleep 1; done
                # The runner writes its record after the last line has reached the log.
                sleep 1
            else
                {{tail}} "$runs/$log"
            fi
            """;
    }

    private static string Preamble(Target target) => $$"""
        set -u
        runs={{ShellQuote.Path($"{target.Host.ChefsDir.TrimEnd('/')}/{target.Chef.Name}/runs")}}
        running() {
            pgid=$(tr -cd '0-9' <"$runs/$1.pid" 2>/dev/null)
            [ -n "$pgid" ] && kill -0 "-$pgid" 2>/dev/null
        }

        """;
}
