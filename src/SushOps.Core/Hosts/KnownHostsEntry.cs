using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SushOps.Hosts;

/// <summary>One usable line of a known_hosts file: who it names and the key it holds.</summary>
internal sealed class KnownHostsEntry
{
    private const string HashMagic = "|1|";
    private const int Sha1Length = 20;

    private readonly string? _patterns;
    private readonly byte[]? _salt;
    private readonly byte[]? _hash;

    private KnownHostsEntry(string? patterns, byte[]? salt, byte[]? hash, bool isRevoked, string keyType, byte[] key)
    {
        _patterns = patterns;
        _salt = salt;
        _hash = hash;
        IsRevoked = isRevoked;
        KeyType = keyType;
        Key = key;
    }

    /// <summary>Whether the line carried <c>@revoked</c>.</summary>
    public bool IsRevoked { get; }

    /// <summary>The key type as written, such as <c>ssh-ed25519</c>.</summary>
    public string KeyType { get; }

    /// <summary>The public key blob in SSH wire format, as base64-decoded from the line.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// Reads one line, or returns null for comments, blank lines, <c>@cert-authority</c> lines and lines
    /// OpenSSH itself would skip as malformed.
    /// </summary>
    public static KnownHostsEntry? TryParse(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return null;
        }

        var isRevoked = false;
        if (fields[0].StartsWith('@'))
        {
            // Certificate authorities vouch for signed host certificates, which sushops does not check;
            // any other marker is unknown to OpenSSH too and the line is skipped.
            if (fields[0] != "@revoked")
            {
                return null;
            }

            isRevoked = true;
            fields = fields[1..];
        }

        if (fields.Length < 3)
        {
            return null;
        }

        var key = DecodeKey(fields[1], fields[2]);
        if (key is null)
        {
            return null;
        }

        if (!fields[0].StartsWith(HashMagic, StringComparison.Ordinal))
        {
            return new KnownHostsEntry(fields[0], null, null, isRevoked, fields[1], key);
        }

        var hashed = ParseHashedHost(fields[0]);
        return hashed is var (salt, hash) ? new KnownHostsEntry(null, salt, hash, isRevoked, fields[1], key) : null;
    }

    /// <summary>Whether the line names <paramref name="hostName"/> (<c>host</c> or <c>[host]:port</c>).</summary>
    public bool Matches(string hostName)
    {
        if (_patterns is not null)
        {
            return HostPattern.ListMatches(_patterns, hostName);
        }

        var hash = HMACSHA1.HashData(_salt!, Encoding.UTF8.GetBytes(hostName));
        return CryptographicOperations.FixedTimeEquals(hash, _hash!);
    }

    private static (byte[] Salt, byte[] Hash)? ParseHashedHost(string field)
    {
        // |1|salt|hash: both parts are base64 SHA-1 sized values, as OpenSSH insists.
        var parts = field[HashMagic.Length..].Split('|');
        if (parts.Length != 2)
        {
            return null;
        }

        var salt = TryBase64(parts[0]);
        var hash = TryBase64(parts[1]);
        return salt is { Length: Sha1Length } && hash is { Length: Sha1Length } ? (salt, hash) : null;
    }

    private static byte[]? DecodeKey(string keyType, string base64)
    {
        var blob = TryBase64(base64);
        if (blob is null || blob.Length < 4)
        {
            return null;
        }

        // The blob names its own type; OpenSSH rejects a line whose blob disagrees with the written type.
        var nameLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (nameLength > blob.Length - 4)
        {
            return null;
        }

        var name = Encoding.ASCII.GetString(blob, 4, (int)nameLength);
        return name == keyType ? blob : null;
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
