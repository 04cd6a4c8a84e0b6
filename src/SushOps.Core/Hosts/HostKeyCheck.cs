using Renci.SshNet.Common;
using SushOps.Configuration;

namespace SushOps.Hosts;

/// <summary>
/// Decides whether to trust the key a host presents: only a key known_hosts lists for that host is accepted.
/// When a key is refused, <see cref="Refusal"/> says why and how to verify and add it.
/// </summary>
internal sealed class HostKeyCheck(
    KnownHosts knownHosts,
    string host,
    int port,
    string knownHostsPath,
    bool acceptNew)
{
    // Hosts connect side by side; their lines go into one known_hosts file one at a time.
    private static readonly Lock KnownHostsLock = new();
    private string? _newLine;

    public string? Refusal { get; private set; }

    private string Name => port == 22 ? host : $"[{host}]:{port}";

    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        var verdict = knownHosts.Check(host, port, e.HostKeyName, e.HostKey);
        if (verdict == HostKeyVerdict.Unknown && acceptNew)
        {
            var type = e.HostKeyName.StartsWith("rsa-sha2-", StringComparison.Ordinal) ? "ssh-rsa" : e.HostKeyName;
            _newLine = $"{Name} {type} {Convert.ToBase64String(e.HostKey)}";
            e.CanTrust = true;
            return;
        }

        e.CanTrust = verdict == HostKeyVerdict.Known;
        var name = Name;
        var scan = port == 22 ? $"ssh-keyscan {host}" : $"ssh-keyscan -p {port} {host}";
        var fingerprint = $"{e.HostKeyName} SHA256:{e.FingerPrintSHA256}";
        Refusal = verdict switch
        {
            HostKeyVerdict.Unknown =>
                $"{name} is not in {knownHostsPath}, so its key was refused. It offered {fingerprint}. "
                + "Check that fingerprint with the host's owner "
                + "(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host), "
                + $"then add it: {scan} >> {knownHostsPath}",
            HostKeyVerdict.Changed =>
                $"THE HOST KEY OF {name} HAS CHANGED: it offered {fingerprint}, which {knownHostsPath} does not list "
                + "for it. Someone may be intercepting the connection, or the host was reinstalled. Verify with the "
                + $"host's owner; only then remove the old key (ssh-keygen -R '{name}' -f {knownHostsPath}) "
                + "and add the new one.",
            HostKeyVerdict.Revoked => $"The key {name} offered ({fingerprint}) is marked @revoked in {knownHostsPath}.",
            _ => null,
        };
    }

    /// <summary>
    /// After a login with a newly accepted key, adds that key to known_hosts, as OpenSSH's accept-new does.
    /// </summary>
    public void RecordAcceptedKey()
    {
        if (_newLine is null)
        {
            return;
        }

        lock (KnownHostsLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(knownHostsPath))!);
            var endsLine = !File.Exists(knownHostsPath) || File.ReadAllText(knownHostsPath) is "" or [.., '\n'];
            File.AppendAllText(knownHostsPath, (endsLine ? "" : "\n") + _newLine + "\n");
        }

        Serilog.Log.Warning("Added the new host key of {Host} to {KnownHosts}: {Key}", Name, knownHostsPath,
            _newLine[(_newLine.IndexOf(' ') + 1)..]);
    }
}
