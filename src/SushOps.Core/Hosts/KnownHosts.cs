using System.Globalization;

namespace SushOps.Hosts;

/// <summary>
/// The entries of an OpenSSH known_hosts file, read the way <c>ssh</c> reads them, so that sushops trusts
/// exactly the hosts the operator's own <c>ssh</c> trusts. SSH.NET has no known_hosts support of its own.
/// </summary>
/// <remarks>
/// Understood: plain, wildcard (<c>*</c>, <c>?</c>) and negated (<c>!</c>) host patterns, <c>[host]:port</c>
/// for ports other than 22, hashed hosts (<c>|1|salt|hash</c>) and <c>@revoked</c>. Lines marked
/// <c>@cert-authority</c> are ignored because sushops does not verify host certificates; malformed lines are
/// skipped as OpenSSH skips them.
/// </remarks>
public sealed class KnownHosts
{
    private const int DefaultSshPort = 22;
    private const string RsaKeyType = "ssh-rsa";

    private readonly IReadOnlyList<KnownHostsEntry> _entries;

    private KnownHosts(IReadOnlyList<KnownHostsEntry> entries) => _entries = entries;

    /// <summary>Reads a known_hosts file; a file that does not exist holds no entries.</summary>
    public static KnownHosts Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new KnownHosts([]);
        }
    }

    /// <summary>Reads the text of a known_hosts file.</summary>
    public static KnownHosts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = text.Split('\n')
            .Select(line => KnownHostsEntry.TryParse(line.TrimEnd('\r')))
            .OfType<KnownHostsEntry>()
            .ToList();
        return new KnownHosts(entries);
    }

    /// <summary>Judges the key a host presented during key exchange.</summary>
    /// <param name="host">Host name or address as sushops connects to it.</param>
    /// <param name="port">SSH port.</param>
    /// <param name="keyType">
    /// Key type such as <c>ssh-ed25519</c>; the RSA signature names <c>rsa-sha2-256</c> and
    /// <c>rsa-sha2-512</c> stand for the <c>ssh-rsa</c> key they sign with.
    /// </param>
    /// <param name="key">The public key blob in SSH wire format, as SSH.NET's <c>HostKeyEventArgs.HostKey</c>.</param>
    public HostKeyVerdict Check(string host, int port, string keyType, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var type = KeyTypeOf(keyType);
        var matching = EntriesFor(host, port).ToList();
        if (matching.Any(entry => entry.IsRevoked && Holds(entry, type, key)))
        {
            return HostKeyVerdict.Revoked;
        }

        // Revoked lines vouch for nothing, so they do not make a host "seen before" either.
        var trusted = matching.Where(entry => !entry.IsRevoked).ToList();
        if (trusted.Count == 0)
        {
            return HostKeyVerdict.Unknown;
        }

        return trusted.Any(entry => Holds(entry, type, key)) ? HostKeyVerdict.Known : HostKeyVerdict.Changed;
    }

    /// <summary>
    /// The key types known for a host, in file order without repeats. An SSH client offers these host key
    /// algorithms first, so that a host known by its ed25519 key is not judged changed for showing RSA.
    /// </summary>
    public IReadOnlyList<string> KeyTypesFor(string host, int port) =>
        EntriesFor(host, port)
            .Where(entry => !entry.IsRevoked)
            .Select(entry => entry.KeyType)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private IEnumerable<KnownHostsEntry> EntriesFor(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        // OpenSSH lower-cases the host before matching or hashing, and writes a non-default port this way.
        var name = host.ToLowerInvariant();
        if (port != DefaultSshPort)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"[{name}]:{port}");
        }

        return _entries.Where(entry => entry.Matches(name));
    }

    private static bool Holds(KnownHostsEntry entry, string keyType, byte[] key) =>
        entry.KeyType == keyType && entry.Key.AsSpan().SequenceEqual(key);

    private static string KeyTypeOf(string keyTypeOrAlgorithm) =>
        keyTypeOrAlgorithm is "rsa-sha2-256" or "rsa-sha2-512" ? RsaKeyType : keyTypeOrAlgorithm;
}
