#!/bin/sh
# become: how sushops runs a script as a role's chef user, under `sudo -S -u CHEF -H` (usage: sh -c BECOME
# sushops SCRIPT, as sudo's command).
#
# Standard input starts with the sudo password line (read by sudo, or here when sudo asked for none), then
# a marker line, then the script's own input (a file sushops sends, such as the Studio token). SCRIPT runs
# with sh in a process group of its own; TERM, INT or HUP (sudo passes on the signal sshd or sushops sends
# when sushops is interrupted) is passed on to that whole group, so nothing the script started keeps running.
set -u

while IFS= read -r line && [ "$line" != "::sushops-input::" ]; do :; done
unset line

# An asynchronous command reads /dev/null unless its input is redirected; fd 3 carries the real stdin over.
exec 3<&0
setsid /bin/sh -c "$1" sushops <&3 3<&- &
script=$!
exec 3<&-

# shellcheck disable=SC2317 # called by the trap below
stop_script() {
    kill -TERM "-$script" 2>/dev/null || kill -TERM "$script" 2>/dev/null
}
trap stop_script TERM INT HUP

# wait returns early when a trapped signal arrives; the script is waited for again until it has ended.
while :; do
    wait "$script"
    code=$?
    kill -0 "$script" 2>/dev/null || break
done
exit "$code"
