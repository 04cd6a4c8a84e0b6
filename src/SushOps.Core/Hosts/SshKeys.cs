using Renci.SshNet;
using Renci.SshNet.Common;

namespace SushOps.Hosts;

/// <summary>
/// Loads private keys for SSH logins: the configured identity file, else the usual files in ~/.ssh.
/// An encrypted key's passphrase comes from SUSHOPS_KEY_PASSPHRASE or, on a terminal, a prompt.
/// </summary>
public static class SshKeys
{
    /// <summary>The environment variable that holds the passphrase of an encrypted key.</summary>
    public const string PassphraseVariable = "SUSHOPS_KEY_PASSPHRASE";

    private static readonly string[] DefaultKeyFiles = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>The keys to offer, in order.</summary>
    public static IPrivateKeySource[] Load(string? identityFile) => Load(identityFile is null ? null : [identityFile]);

    /// <summary>The keys of these files, in order; the usual ~/.ssh keys that exist when null.</summary>
    public static IPrivateKeySource[] Load(IReadOnlyList<string>? identityFiles)
    {
        var sshDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        var files = identityFiles is not null
            ? identityFiles.ToArray()
            : DefaultKeyFiles.Select(name => Path.Combine(sshDirectory, name)).Where(File.Exists).ToArray();
        if (files.Length == 0)
        {
            throw new SushOpsException(
                "No SSH key to log in with: set ssh.identity_file in the config or create "
                + $"{Path.Combine(sshDirectory, "id_ed25519")}.");
        }

        return files.Select(LoadOne).ToArray<IPrivateKeySource>();
    }

    private static PrivateKeyFile LoadOne(string path)
    {
        if (!File.Exists(path))
        {
            throw new SushOpsException($"The SSH key {path} (ssh.identity_file) does not exist.");
        }

        try
        {
            return new PrivateKeyFile(path);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return new PrivateKeyFile(path, Passphrase(path));
        }
        catch (SshException e)
        {
            throw new HostUnreachableException($"The SSH key {path} cannot be read: {e.Message}", e);
        }
    }

    private static string Passphrase(string path)
    {
        if (Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            throw new HostUnreachableException(
                $"The SSH key {path} is encrypted; set {PassphraseVariable} or run sushops on a terminal to be asked.");
        }

        Console.Error.Write($"Passphrase for {path}: ");
        var passphrase = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && passphrase.Length > 0)
            {
                passphrase.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                passphrase.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return passphrase.ToString();
    }
}
