"""Prints the Slack-compatible message about a failed run; installed by sushops beside run-chef.

usage: alert.py RECORD LOG CAUSES TOKEN_FILE HOSTNAME

CAUSES is the table of known failure signatures that sushops writes beside this script; the cause is chosen
as sushops status chooses it: from the record first, then the last log line that matches a signature, then
the last line of a Python traceback, else the exit code.
"""
import json
import re
import sys

TAIL = 60
SHOWN = 15


def read_lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            return log.read().splitlines()[-TAIL:]
    except OSError:
        return []


def read_text(path):
    try:
        with open(path, encoding="utf-8") as file:
            return file.read().strip()
    except OSError:
        return ""


def cause_of(record, lines, signatures):
    if record.get("result") == "timed_out":
        return "timed out: ran longer than the role's max_run_hours"
    by_id = {s["id"]: s for s in signatures}
    if record.get("exit_code") == 137 and "out_of_memory" in by_id:
        return by_id["out_of_memory"]["description"]
    for line in reversed(lines):
        line = line.strip()
        for signature in signatures:
            if re.search(signature["pattern"], line):
                if signature.get("quote_line"):
                    return signature["description"] + ": " + line
                return signature["description"]
    headers = [i for i, line in enumerate(lines) if line.rstrip().endswith("Traceback (most recent call last):")]
    if headers:
        after = [line for line in lines[headers[-1] + 1:] if line and not line[0].isspace()]
        return "Python exception: " + (after[0] if after else "(traceback cut short)")
    return "exit code %s" % record.get("exit_code")


def main():
    record_path, log_path, causes_path, token_path, hostname = sys.argv[1:6]
    with open(record_path, encoding="utf-8") as file:
        record = json.load(file)
    lines = read_lines(log_path)
    token = read_text(token_path)
    if token:
        lines = [line.replace(token, "***") for line in lines]
    try:
        signatures = json.loads(read_text(causes_path) or "[]")
    except ValueError:
        signatures = []
    shown = "\n".join(lines[-SHOWN:]).replace("```", "'''")
    text = "sushops: the scheduled run of *%s* on *%s* %s (exit code %s, started %s)\nCause: %s\n```\n%s\n```" % (
        record.get("chef"), hostname, "timed out" if record.get("result") == "timed_out" else "failed",
        record.get("exit_code"), record.get("start"), cause_of(record, lines, signatures), shown)
    print(json.dumps({"text": text}))


main()
