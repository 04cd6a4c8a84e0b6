#!/usr/bin/env bash
# Start-up, median of many runs (hyperfine, after 3 warm-up runs: warm file cache, fresh process): sushops --help
# and sushops list on a 100-row inventory, for each build given (default: the plain, ReadyToRun and Native AOT
# linux-x64 builds of packaging/publish.sh, those that exist), beside fab --list (python3 -m fabric: Debian ships
# no fab command) and ansible-inventory --list on equivalent input (100 hosts).
#
#   bench/startup.sh [SUSHOPS_EXECUTABLE...]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
builds=("$@")
if [ "${#builds[@]}" -eq 0 ]; then
    for build in plain r2r aot; do
        [ -x "artifacts/publish/linux-x64-$build/sushops" ] && builds+=("artifacts/publish/linux-x64-$build/sushops")
    done
fi
work=$(mktemp -d /tmp/sushops-startup-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "chef_name,repo_url,command,schedule,role" >"$work/inventory.csv"
echo "[chefs]" >"$work/ansible.ini"
for i in $(seq -w 1 100); do
    echo "chef_$i,https://github.com/example/sushi-chef-$i.git,python chef.py,H 2 * * *,vader" >>"$work/inventory.csv"
    echo "chef_$i ansible_host=10.0.0.$((10#$i)) chef=chef_$i" >>"$work/ansible.ini"
done
{
    echo "from fabric import task"
    for i in $(seq -w 1 100); do
        printf '\n\n@task\ndef chef_%s(c):\n    "Updates chef_%s."\n    c.run("true")\n' "$i" "$i"
    done
} >"$work/fabfile.py"

commands=()
for build in "${builds[@]}"; do
    commands+=("$build --help" "$build list -i $work/inventory.csv")
done
commands+=("/usr/bin/python3 -m fabric -r $work --list" "ansible-inventory -i $work/ansible.ini --list")
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$work/times.json" "${commands[@]}" >&2
python3 - "$work/times.json" "$work" <<'PYTHON'
import json, sys
results, work = json.load(open(sys.argv[1]))["results"], sys.argv[2]
print("| command | median ms | min–max ms | runs |")
print("|---|---:|---:|---:|")
for r in results:
    command = r["command"].replace(work, "…").replace("artifacts/publish/", "")
    print(f"| `{command}` | {r['median'] * 1000:.1f} | {r['min'] * 1000:.1f}–{r['max'] * 1000:.1f} "
          f"| {len(r['times'])} |")
PYTHON
