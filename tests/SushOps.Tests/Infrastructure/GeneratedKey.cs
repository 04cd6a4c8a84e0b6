namespace SushOps.Tests.Infrastructure;

/// <summary>A key pair made by <c>ssh-keygen</c>.</summary>
/// <param name="PrivateKeyPath">The private key file; the public key is beside it with <c>.pub</c>.</param>
/// <param name="Type">Key type as OpenSSH writes it, such as <c>ssh-ed25519</c>.</param>
/// <param name="Base64">The public key blob in base64, as in authorized_keys and known_hosts.</param>
public sealed record GeneratedKey(string PrivateKeyPath, string Type, string Base64)
{
    /// <summary>The public key blob in SSH wire format.</summary>
    public byte[] Blob => Convert.FromBase64String(Base64);

    /// <summary><c>type base64</c>, the key part of an authorized_keys or known_hosts line.</summary>
    public string PublicKeyText => $"{Type} {Base64}";
}
