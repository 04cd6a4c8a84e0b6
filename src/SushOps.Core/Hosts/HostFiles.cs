using System.Text;
using SushOps.Plans;
using SushOps.Shell;

namespace SushOps.Hosts;

/// <summary>Writes secret files on hosts through standard input, so their content is on no command line.</summary>
public static class HostFiles
{
    /// <summary>The script that stores standard input at <paramref name="path"/> with mode 0600, atomically.</summary>
    public static string WriteScript(string path) => $"""
        set -eu
        umask 077
        path={ShellQuote.Path(path)}
        mkdir -p "$(dirname "$path")"
        if ! timeout 60 cat >"$path.tmp.$$"; then
            echo "the content of $path did not arrive within 60 s" >&2
            exit 1
        fi
        chmod 600 "$path.tmp.$$"
        mv -f "$path.tmp.$$" "$path"
        """;

    /// <summary>Writes <paramref name="file"/> on the host; returns the exit code of the writing script.</summary>
    public static Task<int> WriteSecretAsync(IHostExecutor executor, HostFile file, CancellationToken ct) =>
        executor.ExecuteAsync(
            WriteScript(file.Path),
            Encoding.UTF8.GetBytes(file.Content.Reveal()),
            _ => { },
            ct);
}
