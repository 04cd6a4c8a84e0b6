#!/usr/bin/env bash
# shellcheck disable=SC2016  # many lines write remote shell code, where $ must stay as written
# The fleet benchmark: the same job done by sushops, Ansible, Fabric, a plain ssh loop and the OpenSSH floor,
# interleaved over several rounds on a fleet of test hosts made for the occasion. See README, "Benchmark".
#
#   sudo bench/run.sh                 # update: 30 chefs on 3 hosts, 5 rounds
#   sudo bench/run.sh status          # status: 100 chefs on 5 hosts (read-only)
#   ROUNDS=7 HOSTS=3 CHEFS_PER_HOST=10 COMMITS=300 sudo -E bench/run.sh update
#   SUSHOPS=/path/to/sushops          # the executable to time (default: packaging/publish.sh's linux-x64 build)
#   TOOLS="sushops floor"             # only these rows (names as in bench/results/*.csv)
#   SUSHOPS_ALT=/path/to/other/sushops   # times a second build too (say, Native AOT), as row "sushops_alt"
#   SUSHOPS_STATUS_ARGS="status --all"   # how sushops does the status job (skipped while it has no such verb)
#
# It needs root (network namespaces, sshd, a user of its own, `sushops-bench`) and installs what it uses from
# Debian. Each host is a network namespace with an address in 10.204.N.0/24 and its own sshd (where namespaces
# cannot be made: an sshd on a loopback port). Every chef is a real git repository with COMMITS commits; sushops
# sets them up, then every tool works on the same checkouts. Before each timed run every chef gets a new
# upstream commit (update job), and after it every checkout is checked to be at its upstream's head. Raw numbers
# go to bench/results/JOB-TIME.csv, the table of medians to bench/results/JOB-TIME.md and to stdout.
# Everything it made (namespaces, sshd, connections, files) is removed when it ends, also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root=$PWD

job=${1:-update}
case "$job" in
    update) default_hosts=3 default_chefs=10 ;;
    status) default_hosts=5 default_chefs=20 ;;
    *) echo "usage: bench/run.sh [update|status]" >&2; exit 2 ;;
esac
rounds=${ROUNDS:-5}
host_count=${HOSTS:-$default_hosts}
chefs_per_host=${CHEFS_PER_HOST:-$default_chefs}
commits=${COMMITS:-300}
status_args=${SUSHOPS_STATUS_ARGS:-status --all}
user="sushops-bench"

say() { echo "bench: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { echo "bench/run.sh needs root (namespaces, sshd, useradd)" >&2; exit 2; }

# ---- what it uses -------------------------------------------------------------------------------------------
packages=(openssh-server openssh-client iproute2 git python3 python3-venv ansible-core python3-fabric time)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

sushops=${SUSHOPS:-$repo_root/artifacts/publish/sushops-linux-x64}
sushops_alt=${SUSHOPS_ALT:-}
if [ ! -x "$sushops" ]; then
    say "building $sushops"
    packaging/publish.sh linux-x64
fi

id "$user" >/dev/null 2>&1 || useradd -m -s /bin/sh "$user"
usermod -p '*' "$user"   # a locked user is refused by sshd with UsePAM no
user_home=$(getent passwd "$user" | cut -d: -f6)
mkdir -p /run/sshd

# ---- cleaning up ---------------------------------------------------------------------------------------------
work=$(mktemp -d /tmp/sushops-bench-XXXXXX)
chmod 755 "$work"
base="$user_home/bench-$$"     # the hosts' side: upstream repositories and chefs (the user must own them)
namespaces=()
sshd_pids=()
route=""
cleanup() {
    set +e
    for socket in "$work"/cm/*; do
        [ -S "$socket" ] && ssh -S "$socket" -O exit dummy >/dev/null 2>&1
    done
    for pid in "${sshd_pids[@]}"; do kill "$pid" 2>/dev/null; done
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    [ -n "$route" ] && ip route del unreachable "$route" 2>/dev/null
    rm -rf "$work" "$base" "$user_home/.ansible"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/cm" "$base/upstream"

# ---- the hosts -----------------------------------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N "" -C bench-client -f "$work/client_key"
hosts=()
use_namespaces=yes
probe="sushops-bench-$$-probe"
if ip netns add "$probe" 2>/dev/null; then
    ip netns del "$probe"
else
    use_namespaces=no
    say "network namespaces cannot be made here: the hosts are sshd processes on loopback ports"
fi
if [ "$use_namespaces" = yes ]; then
    used=$(ip -o -4 addr show | grep -oE '10\.204\.[0-9]+\.' | cut -d. -f3 | sort -u || true)
    subnet=$(( $$ % 256 ))
    while grep -qx "$subnet" <<<"$used"; do subnet=$(( (subnet + 1) % 256 )); done
    route="10.204.$subnet.0/24"
    ip route replace unreachable "$route"
fi

: >"$work/known_hosts"
: >"$work/ssh_config"
for i in $(seq 1 "$host_count"); do
    name="h$i"
    hosts+=("$name")
    dir="$work/$name"
    mkdir -p "$dir"
    chmod 755 "$dir"
    ssh-keygen -q -t ed25519 -N "" -C "$name" -f "$dir/host_key"
    cp "$work/client_key.pub" "$dir/authorized_keys"
    if [ "$use_namespaces" = yes ]; then
        ns="sushops-bench-$$-$name"
        link="sb$$$name"
        outside="10.204.$subnet.$(( 4 * i + 1 ))"
        address="10.204.$subnet.$(( 4 * i + 2 ))"
        port=22
        ip netns add "$ns"
        namespaces+=("$ns")
        ip link add "${link}0" type veth peer name "${link}1"
        ip link set "${link}1" netns "$ns"
        ip addr add "$outside/30" dev "${link}0"
        ip link set "${link}0" up
        ip -n "$ns" addr add "$address/30" dev "${link}1"
        ip -n "$ns" link set "${link}1" up
        ip -n "$ns" link set lo up
        listen=0.0.0.0
        known="$address"
        run_in=(ip netns exec "$ns")
    else
        address=127.0.0.1
        port=$(( 20000 + ($$ * 7 + i * 131) % 40000 ))
        listen=127.0.0.1
        known="[$address]:$port"
        run_in=()
    fi
    # MaxSessions above the chefs per host: the floor and sushops open several channels on one connection.
    cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress $listen
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxSessions 64
MaxStartups 200
SetEnv BENCH_HOST=$name
Subsystem sftp internal-sftp
EOF
    "${run_in[@]}" /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log" &
    sshd_pids+=("$!")
    echo "$known $(cut -d' ' -f1-2 "$dir/host_key.pub")" >>"$work/known_hosts"
    cat >>"$work/ssh_config" <<EOF
Host $name
    HostName $address
    Port $port
    User $user
    IdentityFile $work/client_key
    IdentitiesOnly yes
    UserKnownHostsFile $work/known_hosts
    StrictHostKeyChecking yes
    BatchMode yes

EOF
done
for name in "${hosts[@]}"; do
    for _ in $(seq 1 100); do
        ssh -F "$work/ssh_config" "$name" true 2>/dev/null && continue 2
        sleep 0.1
    done
    echo "the sshd of $name did not answer; its log:" >&2
    cat "$work/$name/sshd.log" >&2
    exit 1
done
say "$host_count hosts up ($([ "$use_namespaces" = yes ] && echo "namespaces, $route" || echo loopback ports))"

# ---- the chefs -----------------------------------------------------------------------------------------------
as_user() { su -s /bin/sh "$user" -c "$1"; }
chef_names() { for c in $(seq -w 1 "$chefs_per_host"); do echo "${1}_c$c"; done; }
chown "$user:" "$base" "$base/upstream"
template="$base/upstream/template.git"
python3 - "$commits" >"$work/history.fi" <<'EOF'
import sys
commits = int(sys.argv[1])
out = sys.stdout
for n in range(1, commits + 1):
    files = {f"data/part-{n % 40:02}.txt": f"part {n % 40}, revision {n}\n" * 20}
    if n == 1:
        files["chef.py"] = "print('hello from the benchmark chef')\n"
        files["README.md"] = "A chef of the sushops benchmark.\n"
    message = f"revision {n}\n"
    out.write(f"commit refs/heads/main\ncommitter Bench <bench@example.org> {1700000000 + n * 60} +0000\n")
    out.write(f"data {len(message)}\n{message}")
    for path, text in files.items():
        out.write(f"M 100644 inline {path}\ndata {len(text.encode())}\n{text}")
    out.write("\n")
EOF
chown "$user:" "$work/history.fi"
as_user "git init -q --bare -b main '$template' && git -C '$template' fast-import --quiet <'$work/history.fi'"

# One fast-import stream, fed to every upstream, adds a commit to each: the new upstream commit of a round.
new_commits() {
    local stamp=$1
    printf 'commit refs/heads/main\ncommitter Bench <bench@example.org> %s +0000\ndata 7\nupdate\n' "$stamp" \
        >"$work/commit.fi"
    printf 'from refs/heads/main^0\nM 100644 inline CHANGES\ndata 11\n%010d\n\n' "$stamp" >>"$work/commit.fi"
    as_user "for r in '$base'/upstream/h*_c*.git; do git -C \"\$r\" fast-import --quiet <'$work/commit.fi'; done"
}

inventory="$work/inventory.csv"
echo "chef_name,repo_url,command,role,branch" >"$inventory"
{
    echo "roles:"
    for name in "${hosts[@]}"; do
        printf '  r%s:\n    hosts: [%s]\n    chefs_dir: %s\n    max_parallel: 8\n' "$name" "$name" "$base/$name/chefs"
    done
    printf 'ssh:\n  identity_file: %s\n  known_hosts: %s\n  config_file: %s\n' \
        "$work/client_key" "$work/known_hosts" "$work/ssh_config"
} >"$work/sushops.yaml"
for name in "${hosts[@]}"; do
    for chef in $(chef_names "$name"); do
        echo "$chef,file://$base/upstream/$chef.git,python chef.py,r$name,main" >>"$inventory"
    done
done
all_chefs=$(for name in "${hosts[@]}"; do chef_names "$name"; done | paste -sd' ')
as_user "cd '$base/upstream' && for chef in $all_chefs; do cp -a template.git \$chef.git; done"
new_commits 1800000000
say "$(( host_count * chefs_per_host )) chef repositories with $((commits + 1)) commits each; sushops setup --all"
(cd "$work" && "$sushops" setup --all -i "$inventory" -c "$work/sushops.yaml" -v quiet >"$work/setup.log" 2>&1) || {
    cat "$work/setup.log" >&2
    exit 1
}

# ---- the job, as each tool does it ---------------------------------------------------------------------------
# Every command finds its chef from $BENCH_HOST (set by the host's sshd), so one text serves every host.
chef_dir_of() { printf '%s' "$base/\$BENCH_HOST/chefs/\${BENCH_HOST}_c$1"; }
status_command='git -C repo log -1 --format="%h %cI" && { ls runs 2>/dev/null | tail -n 1; }'
chef_command() {
    local dir
    dir=$(chef_dir_of "$1")
    if [ "$job" = update ]; then
        printf 'cd "%s/repo" && git fetch -q origin && git reset -q --hard origin/main' "$dir"
    else
        printf 'cd "%s" && %s' "$dir" "$status_command"
    fi
}
chef_commands=()
for c in $(seq -w 1 "$chefs_per_host"); do chef_commands+=("$(chef_command "$c")"); done
host_command=$(printf '%s; ' "${chef_commands[@]}")

# Ansible: the hosts as they are (default forks: 5), and one inventory entry per chef with forks 30.
{
    echo "[hosts]"
    for name in "${hosts[@]}"; do
        printf '%s chefs_dir=%s chefs="%s"\n' "$name" "$base/$name/chefs" \
            "$(chef_names "$name" | sed "s/.*/'&'/" | paste -sd, | sed 's/^/[/; s/$/]/')"
    done
    echo "[chefs]"
    for name in "${hosts[@]}"; do
        for chef in $(chef_names "$name"); do
            printf '%s ansible_host=%s chefs_dir=%s chefs="[\x27%s\x27]"\n' "$chef" "$name" "$base/$name/chefs" "$chef"
        done
    done
    echo "[all:vars]"
    echo "upstream=file://$base/upstream"
    echo "ansible_python_interpreter=/usr/bin/python3"
    echo "ansible_ssh_common_args='-F $work/ssh_config'"
} >"$work/ansible.ini"
python3 -c 'import json, sys; print(json.dumps({"status_command": sys.argv[1]}))' "$status_command" \
    >"$work/ansible-vars.json"
export ANSIBLE_SSH_CONTROL_PATH_DIR="$work/cm" ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_NOCOLOR=1 \
    ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_STDOUT_CALLBACK=minimal ANSIBLE_DEPRECATION_WARNINGS=0
ansible_run() {
    ansible-playbook -i "$work/ansible.ini" -e "@$work/ansible-vars.json" -l "$1" "$repo_root/bench/$job.yml" \
        "${@:2}" >/dev/null
}

ssh_f=(ssh -F "$work/ssh_config" -o ControlMaster=no -o ControlPath=none)
tool_sushops() {
    local args
    if [ "$job" = update ]; then args=(update --all); else read -r -a args <<<"$status_args"; fi
    (cd "$work" && "$sushops" "${args[@]}" -i "$inventory" -c "$work/sushops.yaml" >/dev/null)
}
tool_sushops_alt() { sushops=$sushops_alt tool_sushops; }
tool_ansible_forks5() { ansible_run hosts; }
tool_ansible_forks30() { ansible_run chefs --forks 30; }
tool_fabric_serial() {
    /usr/bin/python3 "$repo_root/bench/fabric_job.py" serial "$work/ssh_config" "$work/known_hosts" \
        "$(IFS=,; echo "${hosts[*]}")" "${chef_commands[@]}"
}
tool_fabric_group() {
    /usr/bin/python3 "$repo_root/bench/fabric_job.py" group "$work/ssh_config" "$work/known_hosts" \
        "$(IFS=,; echo "${hosts[*]}")" "${chef_commands[@]}"
}
tool_ssh_loop() {
    local name command
    for name in "${hosts[@]}"; do
        for command in "${chef_commands[@]}"; do "${ssh_f[@]}" "$name" "$command" >/dev/null; done
    done
}
tool_ssh_per_host() {
    local name
    for name in "${hosts[@]}"; do "${ssh_f[@]}" "$name" "$host_command" >/dev/null & done
    wait
}
# The floor: one ControlMaster per host, all hosts at once, every chef's command on it at once.
tool_floor() {
    local name
    for name in "${hosts[@]}"; do
        (
            socket="$work/cm/floor-$name"
            ssh -F "$work/ssh_config" -o ControlMaster=yes -o ControlPath="$socket" -o ControlPersist=no -fN "$name"
            for command in "${chef_commands[@]}"; do ssh -S "$socket" "$name" "$command" >/dev/null & done
            wait
            ssh -S "$socket" -O exit "$name" 2>/dev/null
        ) &
    done
    wait
}

tools=(sushops ansible_forks5 ansible_forks30 fabric_serial fabric_group ssh_loop ssh_per_host floor)
[ -n "${TOOLS:-}" ] && read -r -a tools <<<"$TOOLS"
declare -A labels=(
    [sushops]="sushops $job --all"
    [ansible_forks5]="Ansible, hosts, default forks (5)"
    [ansible_forks30]="Ansible, one entry per chef, forks 30"
    [fabric_serial]="Fabric, serial loop"
    [fabric_group]="Fabric, ThreadingGroup"
    [ssh_loop]="ssh loop, one ssh per chef"
    [ssh_per_host]="one ssh per host, all hosts at once"
    [floor]="floor: ControlMaster per host, per-chef commands"
)
# (A verb it does not know still shows the general help and exits 0, so the verb is looked for in that help.)
[ -n "$sushops_alt" ] && tools=(sushops sushops_alt "${tools[@]:1}")
labels[sushops_alt]="sushops $job --all, build $(basename "$(dirname "${sushops_alt:-.}")")"
if [ "$job" = status ] && ! "$sushops" --help 2>/dev/null | grep -qE "^ +${status_args%% *}( |$)"; then
    say "this sushops has no '${status_args%% *}' verb: its row is skipped (set SUSHOPS_STATUS_ARGS)"
    kept=()
    for tool in "${tools[@]}"; do [[ "$tool" == sushops* ]] || kept+=("$tool"); done
    tools=("${kept[@]}")
fi

# Checks, untimed, that every checkout is at its upstream's head; prints how many are not.
stale_checkouts() {
    local script="$work/check.sh"
    {
        echo "stale=0"
        for name in "${hosts[@]}"; do
            for chef in $(chef_names "$name"); do
                printf '[ "$(git -C %s rev-parse main)" = "$(git -C %s rev-parse HEAD)" ] || stale=$((stale + 1))\n' \
                    "$base/upstream/$chef.git" "$base/$name/chefs/$chef/repo"
            done
        done
        echo 'echo "$stale"'
    } >"$script"
    as_user "sh '$script'"
}

# Each tool becomes a script of its own, so that /usr/bin/time measures it alone.
mkdir -p "$work/tools"
for tool in "${tools[@]}"; do
    {
        declare -p work job hosts chef_commands host_command ssh_f status_args inventory sushops sushops_alt repo_root
        declare -f "tool_$tool" tool_sushops ansible_run
        echo "tool_$tool"
    } >"$work/tools/$tool.sh"
done

# ---- the rounds ----------------------------------------------------------------------------------------------
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
csv="bench/results/$job-$stamp.csv"
echo "job,round,tool,seconds,max_rss_kb,exit_code,stale_checkouts" >"$csv"
say "$rounds rounds of ${#tools[@]} tools, interleaved; raw numbers in $csv"
commit_stamp=1800000000
for round in $(seq 1 "$rounds"); do
    for tool in "${tools[@]}"; do
        if [ "$job" = update ]; then
            commit_stamp=$((commit_stamp + 60))
            new_commits "$commit_stamp"
        fi
        start=$(date +%s%N)
        code=0
        /usr/bin/time -v -o "$work/time.txt" bash "$work/tools/$tool.sh" 2>"$work/tools/$tool.err" || code=$?
        end=$(date +%s%N)
        seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
        stale=0
        [ "$job" = update ] && stale=$(stale_checkouts)
        echo "$job,$round,$tool,$seconds,$rss,$code,$stale" >>"$csv"
        say "round $round: $tool $seconds s (exit $code, $stale stale)"
        if [ "$code" != 0 ]; then tail -n 20 "$work/tools/$tool.err" >&2; fi
    done
done

# ---- the table -----------------------------------------------------------------------------------------------
floor_tool=floor
[ "$job" = status ] && floor_tool=ssh_per_host
table="bench/results/$job-$stamp.md"
python3 - "$csv" "$floor_tool" "$(declare -p labels)" >"$table" <<'EOF'
import csv, re, statistics, sys
path, floor_tool, labels_text = sys.argv[1:4]
labels = dict(re.findall(r'\[(\w+)\]="([^"]*)"', labels_text))
rows = list(csv.DictReader(open(path)))
tools = list(dict.fromkeys(r["tool"] for r in rows))
seconds = {t: [float(r["seconds"]) for r in rows if r["tool"] == t] for t in tools}
rss = {t: max(int(r["max_rss_kb"] or 0) for r in rows if r["tool"] == t) for t in tools}
bad = {t: sum(1 for r in rows if r["tool"] == t and (r["exit_code"] != "0" or r["stale_checkouts"] != "0"))
       for t in tools}
floor = statistics.median(seconds[floor_tool]) if floor_tool in seconds else None  # TOOLS may leave it out
print(f"| tool | median s | min–max s | × floor | peak RSS MB | failed or stale runs |")
print("|---|---:|---:|---:|---:|---:|")
for t in tools:
    m = statistics.median(seconds[t])
    ratio = f"{m / floor:.2f}" if floor else "–"
    print(f"| {labels.get(t, t)} | {m:.2f} | {min(seconds[t]):.2f}–{max(seconds[t]):.2f} | {ratio} "
          f"| {rss[t] / 1024:.0f} | {bad[t]} |")
EOF
cat "$table"
say "table in $table"
