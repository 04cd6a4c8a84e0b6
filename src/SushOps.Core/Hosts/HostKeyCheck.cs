using Renci.SshNet.Common;
using SushOps.Configuration;

namespace SushOps.Hosts;

/// <summary>
/// Decides whether to trust the key a host presents: only a key known_hosts lists for that host is accepted.
/// When a key is refused, <see cref="Refusal"/> says why and how to verify and add it.
/// </summary>
internal sealed class HostKeyCheck(KnownHosts knownHosts, string host, int port, string knownHostsPath)
{
    public string? Refusal { get; private set; }

    public string User(HostAddress address) => address.User ?? Environment.UserName;

    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        var verdict = knownHosts.Check(host, port, e.HostKeyName, e.HostKey);
        e.CanTrust = verdict == HostKeyVerdict.Known;
        var name = port == 22 ? host : $"[{host}]:{port}";
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
}
