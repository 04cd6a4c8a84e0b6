#!/bin/sh
# run-chef: installed by `sushops setup` on every host; runs one sushi chef and records the run.
#
# usage: run-chef CHEF_DIR WORKDIR TRIGGER COMMAND
#
# Runs COMMAND with sh in CHEF_DIR/repo/WORKDIR with the chef's virtualenv active and stdin closed,
# so a prompt fails instead of waiting forever. Output goes to stdout and to CHEF_DIR/runs/<UTC time>.log;
# a one-line JSON record of the run is written beside the log as <UTC time>.json. A second start while
# the chef still runs is not started: it is recorded with result "skipped". A run stopped by TERM, INT or
# HUP stops the chef's whole process group and is recorded with result "interrupted"; one stopped by
# `sushops stop` is recorded with result "stopped". When whoever reads stdout goes away (a dropped SSH
# connection), the chef runs on to its end, and its log and record are whole.
#
# Environment:
#   SUSHOPS_STAGE            never (default), always, or auto: add --stage to the command; auto adds it only
#                            for ricecooker older than 0.6.40, which uploads to the staging tree by default.
#   SUSHOPS_MAX_RUN_SECONDS  stop the chef (TERM, then KILL a minute later) after this long; result "timed_out".
#   SUSHOPS_QUIET            when set, the chef's output goes to the log only (detached runs).
#   SUSHOPS_PROMOTE          a sushops executable: after a scheduled run that succeeded, run
#                            `sushops promote CHEF --run-record RECORD` (its output goes to the run's log).
#                            Without it, a successful run's record says the staged tree awaits promotion.
set -u
# A closed stdout must never stop the runner before it writes the record; the chef gets SIGPIPE back below.
trap '' PIPE

if [ $# -ne 4 ]; then
    echo "usage: run-chef CHEF_DIR WORKDIR TRIGGER COMMAND" >&2
    exit 64
fi
chef_dir=$1
workdir=$2
trigger=$3
command=$4

# Values that go into the JSON record are reduced to characters that need no escaping.
chef=$(basename "$chef_dir" | tr -cd 'A-Za-z0-9_-')
host=$(hostname 2>/dev/null | tr -cd 'A-Za-z0-9._-')
case $trigger in
    cron | manual | detached) ;;
    *) trigger=manual ;;
esac

runs=$chef_dir/runs
mkdir -p "$runs" || exit 70
stamp=$(date -u +%Y%m%dT%H%M%SZ)
name=$stamp
if [ -e "$runs/$name.json" ] || [ -e "$runs/$name.log" ]; then
    name=$stamp-$$
fi

now() {
    date -u +%Y-%m-%dT%H:%M:%SZ
}

# record RESULT EXIT_CODE START END COMMIT LOG
# A run that succeeded has uploaded to Studio's staging tree, which waits for `sushops promote`.
record() {
    promotion=""
    [ "$1" != ok ] || promotion=',"promotion":{"state":"awaiting"}'
    format='{"chef":"%s","host":"%s","trigger":"%s","result":"%s","exit_code":%s,'
    format=$format'"start":"%s","end":"%s","commit":"%s","log":"%s"%s}\n'
    # shellcheck disable=SC2059 # the format is the constant above
    printf "$format" "$chef" "$host" "$trigger" "$1" "$2" "$3" "$4" "$5" "$6" "$promotion" >"$runs/$name.json.tmp" &&
        mv "$runs/$name.json.tmp" "$runs/$name.json"
}

exec 9>>"$chef_dir/.run.lock"
if ! flock -n 9; then
    t=$(now)
    record skipped null "$t" "$t" "" ""
    printf '::sushops:: skipped %s is still running, so this run was not started\n' "$chef"
    exit 75
fi

# Old ricecooker replaces the live channel unless told --stage; from 0.6.40 on staging is the default
# and --stage only warns.
needs_stage_flag() {
    "$chef_dir/venv/bin/python" -c '
import importlib.metadata, re, sys
version = tuple(int(part) for part in re.findall(r"[0-9]+", importlib.metadata.version("ricecooker"))[:3])
sys.exit(0 if version < (0, 6, 40) else 1)
' 2>/dev/null
}
case ${SUSHOPS_STAGE:-never} in
    always) command="$command --stage" ;;
    auto) if needs_stage_flag; then command="$command --stage"; fi ;;
esac

limit=$(printf '%s' "${SUSHOPS_MAX_RUN_SECONDS:-}" | tr -cd '0-9')

commit=$(git -C "$chef_dir/repo" rev-parse HEAD 2>/dev/null | tr -cd '0-9a-f')
start=$(now)
: >"$runs/$name.log"
printf '::sushops:: log %s\n' "$runs/$name.log"

# The chef's output may show the Studio token (a verbose HTTP log, say): neither the log nor the
# caller ever gets it. The token reaches awk through its environment, never its command line.
token_file=$(dirname "$chef_dir")/.sushops/studio-token
# shellcheck disable=SC2016 # an awk program, expanded by awk
mask='
    BEGIN { secret = ENVIRON["SUSHOPS_SECRET"]; n = length(secret) }
    {
        line = $0; out = ""
        while (n > 0 && (i = index(line, secret)) > 0) {
            out = out substr(line, 1, i - 1) "***"; line = substr(line, i + n)
        }
        print out line; fflush()
    }'
redact() {
    if [ ! -s "$token_file" ]; then
        cat
    elif awk -W version 2>/dev/null | head -n 1 | grep -q mawk; then
        # mawk reads its input in blocks unless told otherwise, which would hold lines back until the end.
        SUSHOPS_SECRET=$(cat "$token_file") awk -W interactive "$mask"
    else
        SUSHOPS_SECRET=$(cat "$token_file") awk "$mask"
    fi
}

# The chef runs in a process group of its own (setsid) whose id goes to a .pid file, so stopping the run
# (TERM, INT or HUP to this runner, as a dropped or interrupted sushops sends) stops all the chef started.
pidfile=$runs/$name.pid
interrupted=""
# shellcheck disable=SC2317 # called by the trap below
stop_chef() {
    interrupted=1
    if [ -s "$pidfile" ]; then
        # dash's kill takes no "--"; "-TERM -PGID" is the form every sh takes.
        kill -TERM "-$(cat "$pidfile")" 2>/dev/null
    fi
}
trap stop_chef TERM INT HUP

# The virtualenv is made by setup, so shellcheck cannot follow its activate script.
# shellcheck disable=SC1091
# sh has no pipefail: the chef's exit code travels through a file past tee.
{
    (
        trap - PIPE
        cd "$chef_dir/repo/$workdir" && . "$chef_dir/venv/bin/activate" || exit 1
        export PYTHONUNBUFFERED=1
        if [ -n "$limit" ]; then
            set -- timeout --kill-after=60 "$limit" sh -c "$command"
        else
            set -- sh -c "$command"
        fi
        # shellcheck disable=SC2016 # $$ and $1 belong to the new shell
        exec setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' chef "$pidfile" "$@"
    ) </dev/null 9>&- 2>&1
    echo $? >"$runs/$name.rc"
} | redact >"$runs/$name.log" &
pipeline=$!

# The log is written by the pipeline alone; stdout gets a copy that follows it (GNU tail) until the pipeline
# ends, so a reader that goes away stops only the copy.
watcher=""
if [ -z "${SUSHOPS_QUIET:-}" ]; then
    tail -n +1 -f --pid="$pipeline" "$runs/$name.log" 2>/dev/null &
    watcher=$!
fi

# Waiting on background jobs lets a signal reach the trap while the chef still runs.
while ! wait "$pipeline" && kill -0 "$pipeline" 2>/dev/null; do :; done
if [ -n "$watcher" ]; then
    while ! wait "$watcher" && kill -0 "$watcher" 2>/dev/null; do :; done
fi

code=$(tr -cd '0-9' 2>/dev/null <"$runs/$name.rc")
rm -f "$runs/$name.rc" "$pidfile"
[ -n "$code" ] || code=1
result=ok
[ "$code" -eq 0 ] || result=failed
if [ -n "$limit" ] && { [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; }; then
    result=timed_out
fi
[ -z "$interrupted" ] || result=interrupted
# `sushops stop` leaves a .stop file beside the .pid before it stops the chef's process group.
if [ -e "$runs/$name.stop" ]; then result=stopped; fi
rm -f "$runs/$name.stop"
record "$result" "$code" "$start" "$(now)" "$commit" "$name.log"
# A failed scheduled run posts one alert, when `sushops schedule` installed a webhook (alerts.webhook_url).
if [ "$trigger" = cron ] && [ -s "$(dirname "$chef_dir")/.sushops/alert-webhook" ] &&
    { [ "$result" = failed ] || [ "$result" = timed_out ]; }; then
    "$(dirname "$0")/sushops-alert" "$chef_dir" "$runs/$name" >"$runs/$name.alert" 2>&1 || true
fi

# Promotion's outcome goes into the record itself; the chef's exit code stays the runner's.
if [ "$result" = ok ] && [ "$trigger" = cron ] && [ -n "${SUSHOPS_PROMOTE:-}" ]; then
    printf '::sushops:: promoting %s\n' "$chef" >>"$runs/$name.log"
    "$SUSHOPS_PROMOTE" promote "$chef" --run-record "$runs/$name.json" </dev/null >>"$runs/$name.log" 2>&1 ||
        printf '::sushops:: promote ended with exit code %s\n' "$?" >>"$runs/$name.log"
fi
exit "$code"
