#!/bin/sh
# sushops-alert: installed by sushops beside run-chef, which calls it when a scheduled run fails and
# `sushops schedule` installed a webhook (alerts.webhook_url). Posts one Slack-compatible message: the chef,
# the host, the cause and the last lines of the log, with the Studio token masked.
#
# usage: sushops-alert CHEF_DIR RUN     (RUN is the run's path without extension: <chef>/runs/<UTC time>)
set -u

if [ $# -ne 2 ]; then
    echo "usage: sushops-alert CHEF_DIR RUN" >&2
    exit 64
fi
chef_dir=$1
run=$2
tool_dir=$(dirname "$chef_dir")/.sushops

if ! command -v curl >/dev/null 2>&1; then
    echo "curl is not installed on this host: no alert was sent" >&2
    exit 69
fi

"$chef_dir/venv/bin/python" "$tool_dir/bin/alert.py" "$run.json" "$run.log" "$tool_dir/failure-causes.json" \
    "$tool_dir/studio-token" "$(hostname)" >"$run.alert.json" || exit 70

# The webhook's address is a secret: it reaches curl on its standard input, never on its command line.
printf 'url = "%s"\n' "$(cat "$tool_dir/alert-webhook")" |
    curl --silent --show-error --fail --max-time 30 --config - \
        --header 'Content-Type: application/json' --data-binary @"$run.alert.json"
