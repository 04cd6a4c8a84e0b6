"""The Fabric side of bench/run.sh: the same per-chef commands, written the two ways Fabric's users write them.

    fabric_job.py serial|group SSH_CONFIG KNOWN_HOSTS HOSTS COMMAND...

serial: a loop over the hosts, one Connection each, and over the chefs on it, one command each.
group:  a ThreadingGroup of all hosts that runs each command on every host at once, one command after another.
HOSTS is a comma-separated list of ssh_config aliases. Each COMMAND finds its chef through $BENCH_HOST, which
every benchmark host's sshd sets, so one command text serves every host.
"""

import sys

from fabric import Config, Connection, ThreadingGroup


def connect(host, config, known_hosts):
    connection = Connection(host, config=config)
    connection.client.load_host_keys(known_hosts)
    return connection


def main():
    mode, ssh_config, known_hosts, hosts = sys.argv[1:5]
    commands = sys.argv[5:]
    config = Config(runtime_ssh_path=ssh_config)
    connections = [connect(host, config, known_hosts) for host in hosts.split(",")]
    if mode == "serial":
        for connection in connections:
            for command in commands:
                connection.run(command, hide=True)
            connection.close()
    elif mode == "group":
        group = ThreadingGroup.from_connections(connections)
        for command in commands:
            group.run(command, hide=True)
        group.close()
    else:
        sys.exit(f"unknown mode {mode!r}: serial or group")


if __name__ == "__main__":
    main()
