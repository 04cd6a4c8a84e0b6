namespace SushOps.Tests.Infrastructure;

/// <summary>The real OpenSSH <c>ssh-keygen</c>, so tests use keys and files exactly as OpenSSH makes them.</summary>
public static class SshKeygen
{
    private const string Program = "/usr/bin/ssh-keygen";

    /// <summary>Why ssh-keygen cannot be used here, or null when it can.</summary>
    public static string? WhyUnavailable() =>
        File.Exists(Program) ? null : $"{Program} is missing; install the openssh-client package";

    /// <summary>Makes a key pair named <paramref name="name"/>.</summary>
    /// <param name="directory">Where the key files go.</param>
    /// <param name="name">File name of the private key.</param>
    /// <param name="type">An <c>ssh-keygen -t</c> type: <c>ed25519</c>, <c>rsa</c>, <c>ecdsa</c>.</param>
    /// <param name="cancellationToken">Stops ssh-keygen.</param>
    /// <param name="passphrase">The key's passphrase; none when empty.</param>
    /// <param name="pem">True for the old PEM format instead of OpenSSH's own.</param>
    public static async Task<GeneratedKey> GenerateAsync(
        string directory,
        string name,
        string type = "ed25519",
        CancellationToken cancellationToken = default,
        string passphrase = "",
        bool pem = false)
    {
        var path = Path.Combine(directory, name);
        string[] bits = type == "rsa" ? ["-b", "2048"] : [];
        string[] format = pem ? ["-m", "PEM"] : [];
        await ProcessRunner.RunCheckedAsync(
            Program,
            ["-q", "-t", type, .. bits, .. format, "-N", passphrase, "-C", name, "-f", path],
            null,
            cancellationToken);

        var publicKey = (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Split(' ');
        return new GeneratedKey(path, publicKey[0], publicKey[1].Trim());
    }

    /// <summary>Hashes the host names of a known_hosts file in place with <c>ssh-keygen -H</c>.</summary>
    public static async Task HashKnownHostsAsync(string path, CancellationToken cancellationToken = default) =>
        await ProcessRunner.RunCheckedAsync(Program, ["-q", "-H", "-f", path], null, cancellationToken);
}
