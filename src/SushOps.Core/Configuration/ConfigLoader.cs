using System.Globalization;
using System.Text.RegularExpressions;
using SushOps.Studio;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SushOps.Configuration;

/// <summary>
/// Reads sushops.yaml. Every key is known: an unknown key or a bad value is an error naming the file,
/// the key and its line, and all such errors are reported together.
/// </summary>
public sealed partial class ConfigLoader
{
    private static readonly string[] TopKeys =
        ["inventory", "chefs_dir", "roles", "ssh", "studio", "google", "alerts", "review"];
    private static readonly string[] AlertKeys = ["webhook_url"];
    private static readonly string[] RoleKeys =
    [
        "hosts", "chefs_dir", "python", "max_parallel", "stage", "max_run_hours", "timezone", "become", "transcodes",
        "sushops_path", "review",
    ];
    private static readonly string[] SshKeys =
        ["identity_file", "known_hosts", "connect_timeout", "config_file", "keepalive_interval", "command_timeout"];
    private static readonly string[] StudioKeys = ["url", "token_file", "credentials_file"];
    private static readonly string[] GoogleKeys = ["credentials_file", "api_key", "export_base_url", "api_base_url"];
    private static readonly string[] ReviewKeys = ["max_resource_change", "max_resource_loss", "max_size_change"];

    private readonly string _source;
    private readonly List<string> _errors = [];

    private ConfigLoader(string source) => _source = source;

    /// <summary>
    /// The config file of the user, looked for when no path is given and ./sushops.yaml does not exist.
    /// </summary>
    public static string UserConfigPath =>
        Path.Combine(SushOpsConfig.XdgDirectory("XDG_CONFIG_HOME", ".config"), "sushops", "config.yaml");

    /// <summary>
    /// The config at <paramref name="path"/>; without a path, <c>./sushops.yaml</c>, then
    /// <c>$XDG_CONFIG_HOME/sushops/config.yaml</c>, then the built-in defaults.
    /// </summary>
    public static SushOpsConfig Load(string? path)
    {
        if (path is not null)
        {
            return File.Exists(path)
                ? LoadFile(path)
                : throw new SushOpsException($"The config file {path} does not exist.");
        }

        var candidates = new[]
        {
            "sushops.yaml",
            UserConfigPath,
        };
        var found = candidates.FirstOrDefault(File.Exists);
        return found is null ? SushOpsConfig.Default : LoadFile(found);
    }

    /// <summary>Reads one config file.</summary>
    public static SushOpsConfig LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Parses config text; relative local paths are resolved against <paramref name="baseDirectory"/>.
    /// </summary>
    public static SushOpsConfig Parse(TextReader reader, string source, string baseDirectory)
    {
        var stream = new YamlStream();
        var parser = new Parser(reader);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new SushOpsException(
                $"{source} line {e.Start.Line}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, when a [ or { is left open and later
            // lines hold keys; the last event it read is on the line where the collection was opened.
            throw new SushOpsException(
                $"{source} line {parser.Current?.Start.Line}: not valid YAML (is a [ or {{ left open?)");
        }

        var loader = new ConfigLoader(source);
        var root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        var config = loader.Read(root, baseDirectory);
        if (loader._errors.Count > 0)
        {
            var lines = string.Join(Environment.NewLine + "  ", loader._errors);
            throw new SushOpsException($"The config {source} has errors:{Environment.NewLine}  {lines}");
        }

        return config;
    }

    private SushOpsConfig Read(YamlNode root, string baseDirectory)
    {
        var top = Mapping(root, "the config", TopKeys);
        var inventory = Scalar(top, "inventory");
        var chefsDir = Scalar(top, "chefs_dir");
        var review = ReadReview(top.GetValueOrDefault("review"), "review", ReviewRules.Default);
        var roles = new Dictionary<string, RoleConfig>
        {
            [RoleConfig.LocalName] = SushOpsConfig.DefaultLocalRole with { Review = review },
        };
        if (top.GetValueOrDefault("roles") is { } rolesNode)
        {
            foreach (var (name, node) in Mapping(rolesNode, "roles", null))
            {
                if (ReadRole(name, node, chefsDir, review) is { } role)
                {
                    roles[name] = role;
                }
            }
        }

        // A sheet or URL stays as written; only a file path is relative to the config's folder.
        var inventoryPath = inventory is null || Inventories.InventorySource.IsRemote(inventory)
            ? inventory
            : Path.GetFullPath(SushOpsConfig.ExpandHome(inventory), baseDirectory);
        return new SushOpsConfig(
            _source,
            inventoryPath,
            roles,
            ReadSsh(top.GetValueOrDefault("ssh"), baseDirectory),
            ReadStudio(top.GetValueOrDefault("studio"), baseDirectory))
        {
            RemoteChefsDir = chefsDir ?? SushOpsConfig.DefaultRemoteChefsDir,
            Google = ReadGoogle(top.GetValueOrDefault("google"), baseDirectory),
            Alerts = ReadAlerts(top.GetValueOrDefault("alerts")),
        };
    }

    private RoleConfig? ReadRole(string name, YamlNode node, string? defaultChefsDir, ReviewRules review)
    {
        if (Inventories.ChefRules.CheckRole(name) is { } problem)
        {
            Error(node, $"roles.{name}", problem);
            return null;
        }

        var keys = Mapping(node, $"roles.{name}", RoleKeys);
        var isLocal = name == RoleConfig.LocalName;
        var hosts = ReadHosts(keys, name, isLocal);
        var become = ReadBecome(keys, name);

        // As another user, ~/ is that user's home: it is expanded by the shell that runs as that user.
        var expandHere = isLocal && become is null;
        var fallbackDir = expandHere
            ? SushOpsConfig.DefaultLocalChefsDir
            : defaultChefsDir ?? SushOpsConfig.DefaultRemoteChefsDir;
        var chefsDir = Scalar(keys, $"roles.{name}", "chefs_dir") ?? fallbackDir;
        var python = ReadPython(keys, name);
        return new RoleConfig(name, hosts, expandHere ? SushOpsConfig.ExpandHome(chefsDir) : chefsDir, python)
        {
            Become = become,
            MaxParallel = ReadMaxParallel(keys, name),
            Stage = ReadStage(keys, name),
            MaxRunHours = ReadMaxRunHours(keys, name),
            TimeZone = ReadTimeZone(keys, name),
            Transcodes = ReadTranscodes(keys, name),
            SushopsPath = Scalar(keys, $"roles.{name}", "sushops_path"),
            Review = ReadReview(keys.GetValueOrDefault("review"), $"roles.{name}.review", review),
        };
    }

    private List<HostAddress> ReadHosts(Dictionary<string, YamlNode> keys, string name, bool isLocal)
    {
        var hosts = new List<HostAddress>();
        if (keys.GetValueOrDefault("hosts") is { } hostsNode)
        {
            if (isLocal)
            {
                Error(hostsNode, "roles.local.hosts",
                    "the local role is this machine and takes no hosts; make another role");
            }
            else if (hostsNode is YamlSequenceNode list)
            {
                foreach (var item in list.Children)
                {
                    var text = item is YamlScalarNode s ? s.Value ?? "" : "";
                    if (HostAddress.TryParse(text, out var error) is { } address)
                    {
                        hosts.Add(address);
                    }
                    else
                    {
                        Error(item, $"roles.{name}.hosts", error!);
                    }
                }
            }
            else
            {
                Error(hostsNode, $"roles.{name}.hosts", "must be a list, such as [ck1.example.org, chef@vader:2222]");
            }
        }

        return hosts;
    }

    private int ReadMaxParallel(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "max_parallel");
        if (text is null)
        {
            return 1;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= RoleConfig.MaxParallelLimit)
        {
            return count;
        }

        Error(keys["max_parallel"], $"roles.{role}.max_parallel",
            $"\"{text}\" is not a number from 1 to {RoleConfig.MaxParallelLimit} (chefs at once on one host)");
        return 1;
    }

    private StageFlag ReadStage(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "stage");
        if (text is null)
        {
            return StageFlag.Auto;
        }

        if (Enum.TryParse<StageFlag>(text, ignoreCase: true, out var stage) && !char.IsDigit(text[0]))
        {
            return stage;
        }

        Error(keys["stage"], $"roles.{role}.stage", $"\"{text}\" is not one of auto, always, never");
        return StageFlag.Auto;
    }

    private double? ReadMaxRunHours(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "max_run_hours");
        if (text is null)
        {
            return null;
        }

        var valid = double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours);
        if (valid && hours > 0)
        {
            return hours;
        }

        Error(keys["max_run_hours"], $"roles.{role}.max_run_hours", $"\"{text}\" is not a number of hours above 0");
        return null;
    }

    private string? ReadBecome(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "become");
        if (text is null || UserName().IsMatch(text))
        {
            return text;
        }

        Error(keys["become"], $"roles.{role}.become",
            $"\"{text}\" is not a user name (lower-case letters, digits, _ and -, starting with a letter or _, "
            + "at most 32 characters), such as chef");
        return null;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserName();

    // The interpreter is quoted wherever it runs, but it is also shown in doctor's fixes: a name or a path only.
    private string ReadPython(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "python");
        if (text is null || PythonName().IsMatch(text))
        {
            return text ?? SushOpsConfig.DefaultPython;
        }

        Error(keys["python"], $"roles.{role}.python",
            $"\"{text}\" is not an interpreter name or path (letters, digits, '.', '_', '-', '+' and '/'), "
            + "such as python3.11 or /usr/bin/python3");
        return SushOpsConfig.DefaultPython;
    }

    [GeneratedRegex("^[A-Za-z0-9._/+-]+$")]
    private static partial Regex PythonName();

    private bool ReadTranscodes(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "transcodes");
        if (text is null || text is "false")
        {
            return false;
        }

        if (text is "true")
        {
            return true;
        }

        Error(keys["transcodes"], $"roles.{role}.transcodes", $"\"{text}\" is not true or false");
        return false;
    }

    private string? ReadTimeZone(Dictionary<string, YamlNode> keys, string role)
    {
        var text = Scalar(keys, $"roles.{role}", "timezone");
        if (text is null || TimeZoneInfo.TryFindSystemTimeZoneById(text, out _))
        {
            return text;
        }

        Error(keys["timezone"], $"roles.{role}.timezone",
            $"\"{text}\" is not a time zone this machine knows; use a name such as Europe/Berlin or UTC");
        return null;
    }

    // Each limit is a percentage; a key left out keeps the value of the level above (the top review:, else
    // the defaults).
    private ReviewRules ReadReview(YamlNode? node, string where, ReviewRules inherited)
    {
        if (node is null)
        {
            return inherited;
        }

        var keys = Mapping(node, where, ReviewKeys);
        return new ReviewRules(
            Percent(keys, where, "max_resource_change") ?? inherited.MaxResourceChange,
            Percent(keys, where, "max_resource_loss") ?? inherited.MaxResourceLoss,
            Percent(keys, where, "max_size_change") ?? inherited.MaxSizeChange);
    }

    private double? Percent(Dictionary<string, YamlNode> keys, string where, string key)
    {
        var text = Scalar(keys, where, key);
        if (text is null)
        {
            return null;
        }

        var valid = double.TryParse(text.TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var percent);
        if (valid && percent <= 1000)
        {
            return percent;
        }

        Error(keys[key], $"{where}.{key}", $"\"{text}\" is not a percentage from 0 to 1000, such as 10");
        return null;
    }

    private SshSettings ReadSsh(YamlNode? node, string baseDirectory)
    {
        var defaults = SshSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var keys = Mapping(node, "ssh", SshKeys);
        var identity = Scalar(keys, "ssh", "identity_file");
        var knownHosts = Scalar(keys, "ssh", "known_hosts");
        var configFile = Scalar(keys, "ssh", "config_file");
        return new SshSettings(
            identity is null ? null : LocalPath(identity, baseDirectory),
            knownHosts is null ? defaults.KnownHosts : LocalPath(knownHosts, baseDirectory),
            Seconds(keys, "connect_timeout", 1, 600) ?? defaults.ConnectTimeout)
        {
            ConfigFile = configFile is null or SshSettings.NoConfigFile
                ? configFile
                : LocalPath(configFile, baseDirectory),
            KeepAliveInterval = Seconds(keys, "keepalive_interval", 1, 3600) ?? defaults.KeepAliveInterval,
            CommandTimeout = Seconds(keys, "command_timeout", 1, 7 * 24 * 3600),
        };
    }

    private int? Seconds(Dictionary<string, YamlNode> keys, string key, int min, int max)
    {
        if (keys.GetValueOrDefault(key) is not { } node)
        {
            return null;
        }

        var text = (node as YamlScalarNode)?.Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= min && seconds <= max)
        {
            return seconds;
        }

        Error(node, $"ssh.{key}", $"\"{text}\" is not a number of seconds between {min} and {max}");
        return null;
    }

    private StudioSettings ReadStudio(YamlNode? node, string baseDirectory)
    {
        if (node is null)
        {
            return new StudioSettings(null, null);
        }

        var keys = Mapping(node, "studio", StudioKeys);
        var url = Scalar(keys, "studio", "url");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            Error(keys["url"], "studio.url", $"\"{url}\" is not an http(s) URL");
        }

        var tokenFile = Scalar(keys, "studio", "token_file");
        var credentialsFile = Scalar(keys, "studio", "credentials_file");
        return new StudioSettings(url, tokenFile is null ? null : LocalPath(tokenFile, baseDirectory))
        {
            CredentialsFile = credentialsFile is null ? null : LocalPath(credentialsFile, baseDirectory),
        };
    }

    private GoogleSettings ReadGoogle(YamlNode? node, string baseDirectory)
    {
        var defaults = GoogleSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var keys = Mapping(node, "google", GoogleKeys);
        var credentials = Scalar(keys, "google", "credentials_file");
        var apiKey = Scalar(keys, "google", "api_key");
        return new GoogleSettings(
            credentials is null ? null : LocalPath(credentials, baseDirectory),
            apiKey is null ? null : new Secret(apiKey),
            ReadBaseUrl(keys, "export_base_url") ?? defaults.ExportBaseUrl,
            ReadBaseUrl(keys, "api_base_url") ?? defaults.ApiBaseUrl);
    }

    private Uri? ReadBaseUrl(Dictionary<string, YamlNode> keys, string key)
    {
        var text = Scalar(keys, "google", key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            // A base without a trailing slash would lose its last segment when paths are added to it.
            return text.EndsWith('/') ? uri : new Uri(text + "/");
        }

        Error(keys[key], $"google.{key}", $"\"{text}\" is not an http(s) URL");
        return null;
    }

    private AlertSettings ReadAlerts(YamlNode? node)
    {
        if (node is null)
        {
            return new AlertSettings(null);
        }

        var keys = Mapping(node, "alerts", AlertKeys);
        var url = Scalar(keys, "alerts", "webhook_url");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            // The value itself is a secret: the message does not repeat it.
            Error(keys["webhook_url"], "alerts.webhook_url", "is not an http(s) URL");
            return new AlertSettings(null);
        }

        return new AlertSettings(url is null ? null : new Secret(url));
    }

    private static string LocalPath(string path, string baseDirectory) =>
        Path.GetFullPath(SushOpsConfig.ExpandHome(path), baseDirectory);

    private Dictionary<string, YamlNode> Mapping(YamlNode node, string where, string[]? allowedKeys)
    {
        var result = new Dictionary<string, YamlNode>();
        if (node is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, where, "must be a mapping of keys to values");
            return result;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (allowedKeys is not null && !allowedKeys.Contains(key))
            {
                var prefix = where == "the config" ? "" : where + ".";
                var known = string.Join(", ", allowedKeys);
                Error(keyNode, prefix + key, $"is not a known key; known keys here are {known}");
                continue;
            }

            result[key] = value;
        }

        return result;
    }

    private string? Scalar(Dictionary<string, YamlNode> keys, string key) => Scalar(keys, null, key);

    private string? Scalar(Dictionary<string, YamlNode> keys, string? where, string key)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value.Trim();
        }

        Error(node, where is null ? key : $"{where}.{key}", "must be a single non-empty value");
        return null;
    }

    private void Error(YamlNode node, string key, string message) =>
        _errors.Add($"{_source} line {node.Start.Line}, key {key}: {message}");
}
