using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SushOps.Studio;

/// <summary>
/// The Studio account that deploys staged trees. Deploying needs a logged-in session, which only an email and
/// a password give; the API token cannot deploy.
/// </summary>
/// <param name="Email">The account's email, which Studio's login takes as the user name.</param>
/// <param name="Password">The account's password; never shown.</param>
public sealed record DeployAccount(string Email, Secret Password)
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads the credentials file, a YAML mapping with <c>email:</c> and <c>password:</c>. It must be readable by
    /// its owner only (mode 0600); a file others can read is refused, since the password would be exposed.
    /// </summary>
    public static DeployAccount Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SushOpsException(
                $"studio.credentials_file is {path}, which does not exist; write the deploy account there "
                + "(email: and password:, chmod 600) or remove the key");
        }

        // Windows has no such mode bits; there the file's ACL is the operator's to keep tight.
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead : File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new SushOpsException(
                $"The Studio credentials file {path} can be read or changed by others "
                + $"(mode {Convert.ToString((int)mode, 8)}); run chmod 600 {path}");
        }

        var keys = ReadMapping(path);
        var email = keys.GetValueOrDefault("email");
        var password = keys.GetValueOrDefault("password");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            throw new SushOpsException(
                $"The Studio credentials file {path} needs both email: and password: (the deploy account's login)");
        }

        return new DeployAccount(email.Trim(), new Secret(password));
    }

    private static Dictionary<string, string?> ReadMapping(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // The message of a YAML error can quote the line, and the line can be the password.
            throw new SushOpsException(
                $"The Studio credentials file {path} is not valid YAML (line {e.Start.Line}); "
                + "write it as two lines, email: ... and password: ...", ExitCodes.Usage);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new SushOpsException(
                $"The Studio credentials file {path} must be a mapping with email: and password:");
        }

        return mapping.Children
            .Where(pair => pair.Key is YamlScalarNode)
            .ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value ?? "",
                pair => (pair.Value as YamlScalarNode)?.Value);
    }
}
