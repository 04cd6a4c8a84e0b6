using System.Security.Cryptography;
using System.Text;
using SushOps.Hosts;
using SushOps.Inventories;
using SushOps.Targeting;
using static SushOps.Shell.ShellQuote;

namespace SushOps.Plans;

/// <summary>
/// The building blocks of plans. Each step is shell that relies on the variables of <see cref="Preamble"/>
/// (<c>$chef_dir</c>, <c>$repo</c>, <c>$venv</c>, <c>$tool_dir</c>, <c>$repo_url</c>) and quotes every value
/// it adds; only the inventory's commands are shell text of their own.
/// </summary>
public static class ChefSteps
{
    /// <summary>Where the runner is installed, relative to the chefs directory.</summary>
    public const string RunnerPath = ".sushops/bin/run-chef";

    /// <summary>Where the Studio token is kept on a host, relative to the chefs directory.</summary>
    public const string TokenPath = ".sushops/studio-token";

    /// <summary>Strict mode, the report functions, and the host's chefs directory and sushops directory.</summary>
    public static string HostPreamble(HostTarget host) => $$"""
        set -eu
        report() { printf '::sushops:: %s %s\n' "$1" "$2"; }
        fail() { report failed "$1"; exit 1; }
        # git must fail, not wait for a password or a host key question nobody can answer.
        GIT_TERMINAL_PROMPT=0
        GIT_SSH_COMMAND=${GIT_SSH_COMMAND:-"ssh -o BatchMode=yes"}
        export GIT_TERMINAL_PROMPT GIT_SSH_COMMAND
        chefs_dir={{Path(host.ChefsDir)}}
        tool_dir="$chefs_dir/.sushops"

        """;

    /// <summary>The host preamble and the chef's paths on the host.</summary>
    public static string Preamble(Target target) => HostPreamble(target.Host) + $"""
        chef_dir="$chefs_dir"/{Quote(target.Chef.Name)}
        repo="$chef_dir/repo"
        venv="$chef_dir/venv"
        repo_url={Quote(target.Chef.RepoUrl)}

        """;

    /// <summary>Creates the chef's directory with its runs/ and discarded/ folders.</summary>
    public static PlanStep PrepareDirectories() => new(
        "create the chef's directory with runs/ and discarded/",
        """mkdir -p "$chef_dir/runs" "$chef_dir/discarded" """);

    /// <summary>Clones the repository, or accepts a checkout of the same remote that is already there.</summary>
    public static PlanStep Clone(Chef chef)
    {
        var branch = chef.Branch is null ? "" : $" --branch {Quote(chef.Branch)}";
        return new PlanStep(
            $"clone {chef.RepoUrl}{(chef.Branch is null ? "" : $" (branch {chef.Branch})")} unless already cloned",
            $"""
            if [ -d "$repo/.git" ]; then
                report ok "repository already cloned"
            elif [ -e "$repo" ]; then
                fail "$repo exists but is not a git checkout; move it away and run setup again"
            else
                git clone --quiet{branch} -- "$repo_url" "$repo"
                report changed "cloned $repo_url"
            fi
            """);
    }

    /// <summary>Fails unless the chef has a checkout.</summary>
    public static PlanStep RequireCheckout() => new(
        "check that the chef is set up",
        """
        [ -d "$repo/.git" ] || fail "not set up on this host (no checkout at $repo); run sushops setup first"
        """);

    /// <summary>
    /// Fails when the checkout is of another remote than the inventory names: it is somebody else's,
    /// and is refused rather than clobbered.
    /// </summary>
    public static PlanStep CheckRemote() => new(
        "check that the checkout is of the inventory's repository",
        """
        current=$(git -C "$repo" config --get remote.origin.url || true)
        [ "$current" = "$repo_url" ] ||
            fail "$repo is a checkout of $current, not $repo_url; move it away or fix the inventory"
        """);

    /// <summary>Creates the chef's virtualenv with the role's python unless it exists.</summary>
    public static PlanStep CreateVirtualenv(HostTarget host) => new(
        $"create a virtualenv with {host.Python} unless one exists",
        $"""
        python={Quote(host.Python)}
        if [ -x "$venv/bin/python" ]; then
            report ok "virtualenv exists"
        else
            command -v "$python" >/dev/null 2>&1 ||
                fail "$python is not installed on this host; install it or set python: for the role in the config"
            "$python" -m venv "$venv"
            report changed "created a virtualenv with $python"
        fi
        """);

    /// <summary>Installs requirements.txt into the virtualenv when it is new or changed since the last install.
    /// </summary>
    public static PlanStep InstallRequirements() => new(
        "install requirements.txt into the virtualenv if it changed since the last install",
        """
        stamp="$venv/.sushops-requirements"
        if [ ! -f "$repo/requirements.txt" ]; then
            report ok "no requirements.txt"
        else
            sum=$(cksum <"$repo/requirements.txt")
            if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
                report ok "requirements unchanged"
            else
                (cd "$repo" && "$venv/bin/python" -m pip install --disable-pip-version-check --no-input \
                    -r requirements.txt </dev/null)
                printf '%s\n' "$sum" >"$stamp"
                report changed "installed requirements.txt"
            fi
        fi
        """);

    /// <summary>
    /// Runs the post-setup command in the checkout with the virtualenv active, once per distinct command:
    /// a changed command runs again, an unchanged one does not. The untracked files it leaves in the checkout
    /// are listed in the checkout's own <c>.git/info/exclude</c>, so update keeps them instead of discarding
    /// them as local changes.
    /// </summary>
    public static PlanStep PostSetup(string command) => new(
        $"run the post-setup command once: {command}",
        $"""
        done_file="$chef_dir/.sushops-post-setup"
        want={Quote(Fingerprint(command))}
        if [ -f "$done_file" ] && [ "$(cat "$done_file")" = "$want" ]; then
            report ok "post-setup command already ran"
        else
            (cd "$repo" && . "$venv/bin/activate" && sh -c {Quote(command)} </dev/null) ||
                fail "the post-setup command failed with exit code $?"
            exclude="$repo/.git/info/exclude"
            mkdir -p "$repo/.git/info"
            (
                [ ! -f "$exclude" ] || sed '/^# sushops post-setup begin$/,/^# sushops post-setup end$/d' "$exclude"
                echo "# sushops post-setup begin"
                git -C "$repo" ls-files --others --exclude-standard | sed 's/[][*?\\]/\\&/g; s|^|/|'
                echo "# sushops post-setup end"
            ) >"$exclude.$$"
            mv -f "$exclude.$$" "$exclude"
            printf '%s\n' "$want" >"$done_file"
            report changed "ran the post-setup command"
        fi
        """);

    /// <summary>Installs or refreshes the run-chef runner shared by every chef on the host.</summary>
    public static PlanStep InstallRunner() => new(
        $"install the runner {RunnerPath} if missing or different",
        $"""
        runner="$tool_dir/bin/run-chef"
        mkdir -p "$tool_dir/bin"
        cat >"$runner.$$" <<'SUSHOPS_RUNNER_END'
        {HostScripts.RunChef.TrimEnd()}
        SUSHOPS_RUNNER_END
        chmod 755 "$runner.$$"
        if cmp -s "$runner.$$" "$runner"; then
            rm -f "$runner.$$"
        else
            mv -f "$runner.$$" "$runner"
        fi
        """);

    /// <summary>
    /// Fetches from origin, saves local edits and untracked files under discarded/, and hard-resets to the
    /// remote branch: the inventory's branch, else the branch the checkout is on.
    /// </summary>
    public static PlanStep FetchAndReset(Chef chef)
    {
        var checkoutBranch = chef.Branch is null
            ? """branch=$(git -C "$repo" symbolic-ref --quiet --short HEAD) || branch="" """
            : $"branch={Quote(chef.Branch)}";
        return new PlanStep(
            $"fetch and hard-reset to origin/{chef.Branch ?? "<current branch>"}, saving local changes first",
            $$"""
            git -C "$repo" fetch --quiet --prune origin
            {{checkoutBranch.TrimEnd()}}
            if [ -n "$branch" ]; then target="origin/$branch"; else target="origin/HEAD"; fi
            git -C "$repo" rev-parse --verify --quiet "$target^{commit}" >/dev/null ||
                fail "the remote has no $target; check the branch in the inventory"
            if [ -n "$(git -C "$repo" status --porcelain)" ]; then
                saved="$chef_dir/discarded/$(date -u +%Y%m%dT%H%M%SZ)"
                mkdir -p "$saved"
                git -C "$repo" diff --binary HEAD >"$saved/changes.patch"
                (cd "$repo" && git ls-files -z --others --exclude-standard | tar --null -T - -cf "$saved/untracked.tar")
                report changed "saved local changes to $saved (changes.patch, untracked.tar)"
            fi
            before=$(git -C "$repo" rev-parse HEAD)
            if [ -n "$branch" ] && [ "$(git -C "$repo" symbolic-ref --quiet --short HEAD || true)" != "$branch" ]; then
                git -C "$repo" checkout --quiet --force -B "$branch" "$target"
            fi
            git -C "$repo" reset --quiet --hard "$target"
            git -C "$repo" clean --quiet -fd
            after=$(git -C "$repo" rev-parse HEAD)
            if [ "$before" = "$after" ]; then
                report ok "already at $(git -C "$repo" rev-parse --short HEAD)"
            else
                old=$(git -C "$repo" rev-parse --short "$before")
                report changed "updated $old -> $(git -C "$repo" rev-parse --short HEAD)"
            fi
            """);
    }

    /// <summary>Runs the chef through the runner, with STUDIO_URL set when Studio is configured.</summary>
    public static PlanStep StartRunner(Chef chef, string command, string? studioUrl)
    {
        var environment = studioUrl is null ? "" : $"STUDIO_URL={Quote(studioUrl)}; export STUDIO_URL\n";
        return new PlanStep(
            $"run the chef: {command}",
            environment + "exec \"$tool_dir/bin/run-chef\" \"$chef_dir\" "
                        + $"{Quote(chef.WorkingDirectory ?? "")} manual {Quote(command)}");
    }

    /// <summary>
    /// Starts the chef through the runner in a session of its own, so it outlives the SSH connection, and
    /// returns once the runner has named its log (or said it skipped the start).
    /// </summary>
    public static PlanStep StartDetachedRunner(Chef chef, string command, string? studioUrl)
    {
        var environment = studioUrl is null ? "" : $"STUDIO_URL={Quote(studioUrl)}; export STUDIO_URL\n";
        return new PlanStep(
            $"start the chef in the background: {command}",
            environment + $$"""
            started="$chef_dir/runs/.started-$$"
            mkdir -p "$chef_dir/runs"
            SUSHOPS_QUIET=1 nohup setsid "$tool_dir/bin/run-chef" "$chef_dir" {{Quote(chef.WorkingDirectory ?? "")}} \
                detached {{Quote(command)}} >"$started" 2>&1 </dev/null &
            pid=$!
            tries=0
            while [ "$tries" -lt 100 ] && ! grep -q '^::sushops:: ' "$started" 2>/dev/null; do
                sleep 0.1
                tries=$((tries + 1))
            done
            grep '^::sushops:: ' "$started" || fail "the runner did not start; see $started"
            rm -f "$started"
            report detached "$pid"
            """);
    }

    private static string Fingerprint(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
