namespace SushOps.Configuration;

/// <summary>Everything the config file says, with defaults filled in.</summary>
/// <param name="Source">The file it was read from, or null when none exists.</param>
/// <param name="Inventory">The inventory path, when the config names one.</param>
/// <param name="Roles">Every role by name, <c>local</c> among them.</param>
/// <param name="Ssh">SSH settings.</param>
/// <param name="Studio">Kolibri Studio settings.</param>
public sealed record SushOpsConfig(
    string? Source,
    string? Inventory,
    IReadOnlyDictionary<string, RoleConfig> Roles,
    SshSettings Ssh,
    StudioSettings Studio)
{
    /// <summary>
    /// Where chefs live on remote hosts whose role does not say: the config's top-level <c>chefs_dir</c>, used
    /// also for a host named with <c>-H</c> that is in no role.
    /// </summary>
    public string RemoteChefsDir { get; init; } = DefaultRemoteChefsDir;

    /// <summary>The default python for virtualenvs.</summary>
    public const string DefaultPython = "python3";

    /// <summary>Where remote roles keep chefs unless the config says otherwise.</summary>
    public const string DefaultRemoteChefsDir = "~/sushi-chefs";

    /// <summary>Where the local role keeps chefs: <c>$XDG_DATA_HOME/sushops/chefs</c>.</summary>
    public static string DefaultLocalChefsDir =>
        Path.Combine(XdgDirectory("XDG_DATA_HOME", ".local/share"), "sushops", "chefs");

    /// <summary>The local role as it stands with no config at all.</summary>
    public static RoleConfig DefaultLocalRole => new(RoleConfig.LocalName, [], DefaultLocalChefsDir, DefaultPython);

    /// <summary>The configuration used when no config file exists.</summary>
    public static SushOpsConfig Default => new(
        null,
        null,
        new Dictionary<string, RoleConfig> { [RoleConfig.LocalName] = DefaultLocalRole },
        SshSettings.Default,
        new StudioSettings(null, null));

    /// <summary>An XDG base directory, falling back to its usual place under the home directory.</summary>
    public static string XdgDirectory(string variable, string fallbackUnderHome)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), fallbackUnderHome)
            : value;
    }

    /// <summary>Expands a leading <c>~/</c> of a path on this machine.</summary>
    public static string ExpandHome(string path) => path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'))
        : path;
}
