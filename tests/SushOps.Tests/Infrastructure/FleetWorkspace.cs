using System.Globalization;
using System.Text.RegularExpressions;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// An operator's folder for driving sushops against a <see cref="TestFleet"/>: known_hosts with every host's key,
/// a chef repository on the shared file system, and per host a role <c>r&lt;name&gt;</c> with its own chefs
/// directory and one chef <c>chef_&lt;name&gt;</c>.
/// </summary>
public sealed partial class FleetWorkspace : IDisposable
{
    private readonly TempDirectory _local = new("sushops-fleet-work");
    private readonly Dictionary<string, string> _chefsDirs = [];

    private FleetWorkspace(TestFleet fleet) => Fleet = fleet;

    public TestFleet Fleet { get; }

    /// <summary>The operator's folder: sushops runs here and finds sushops.yaml, inventory.csv, known_hosts.</summary>
    public string Path => _local.Path;

    /// <summary>The chef repository every host clones.</summary>
    public ChefRepository Upstream { get; private set; } = null!;

    /// <summary>Where the given host keeps its chefs.</summary>
    public string ChefsDir(FleetHost host) => _chefsDirs[host.Name];

    /// <summary>
    /// Writes the workspace for <paramref name="hosts"/>; each chef runs <paramref name="command"/>, in which
    /// <c>{host}</c> stands for the host's name. <paramref name="addressOf"/> says how the config names a host
    /// (default: its login, <c>sushops-test@ADDRESS</c>). Without <paramref name="withIdentity"/> the config names
    /// no key; <paramref name="extraSsh"/> holds more lines for the config's <c>ssh:</c> section.
    /// </summary>
    public static async Task<FleetWorkspace> CreateAsync(
        TestFleet fleet,
        IReadOnlyList<FleetHost> hosts,
        string command = "python chef.py",
        Func<FleetHost, string>? addressOf = null,
        bool withIdentity = true,
        string extraSsh = "")
    {
        var workspace = new FleetWorkspace(fleet);
        var server = hosts[0].Server;
        var shared = await server.MakeUserDirectoryAsync("fleet-upstream");
        var wheels = System.IO.Path.Combine(shared, "wheels");
        WheelHouse.Build(wheels, "hello from the fleet");
        workspace.Upstream = await ChefRepository.CreateAsync(
            System.IO.Path.Combine(shared, "upstream"), WheelHouse.Requirements(wheels));
        await server.GiveToUserAsync(shared);
        foreach (var host in hosts)
        {
            workspace._chefsDirs[host.Name] = System.IO.Path.Combine(
                await host.Server.MakeUserDirectoryAsync($"fleet-{host.Name}"), "chefs");
        }

        await File.WriteAllTextAsync(workspace.Combine("known_hosts"), fleet.KnownHostsText);
        var rows = hosts.Select(h =>
            $"chef_{h.Name},{workspace.Upstream.Path},\"{command.Replace("{host}", h.Name)}\",r{h.Name}");
        await File.WriteAllTextAsync(
            workspace.Combine("inventory.csv"), "chef_name,repo_url,command,role\n" + string.Join("\n", rows) + "\n");
        var roles = hosts.Select(h => $"""
              r{h.Name}:
                hosts: ["{(addressOf ?? (x => x.Login))(h)}"]
                chefs_dir: {workspace._chefsDirs[h.Name]}

            """);
        await File.WriteAllTextAsync(workspace.Combine("sushops.yaml"), $"""
            roles:
            {string.Concat(roles)}ssh:
              {(withIdentity ? "identity_file: " + fleet.ClientKeyPath : "")}
              known_hosts: known_hosts
              connect_timeout: 5
            {extraSsh}
            """);
        return workspace;
    }

    public string Combine(params string[] parts) => _local.Combine(parts);

    /// <summary>Runs sushops in the workspace.</summary>
    public Task<ProcessResult> SushOpsAsync(params string[] arguments) => SushOpsProcess.RunAsync(Path, arguments);

    /// <summary>Runs sushops in the workspace, killed if <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task<ProcessResult> SushOpsAsync(CancellationToken cancellationToken, params string[] arguments) =>
        SushOpsProcess.RunAsync(Path, new Dictionary<string, string>(), cancellationToken, arguments);

    /// <summary>The log file of the runs so far.</summary>
    public string LogText() => string.Concat(
        Directory.GetFiles(Combine(".state", "sushops"), "*.log").Select(File.ReadAllText));

    /// <summary>Runs sushops in the workspace with more environment variables.</summary>
    public Task<ProcessResult> SushOpsAsync(
        IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        SushOpsProcess.RunAsync(Path, environment, arguments);

    /// <summary>
    /// Writes <c>ssh_config</c> in the workspace: per host a block <c>Host fleet-NAME</c> with its address, the test
    /// user and the fleet's key, and a ProxyJump line for each host named in <paramref name="jumps"/>.
    /// </summary>
    public Task WriteSshConfigAsync(IReadOnlyDictionary<string, string>? jumps = null)
    {
        var blocks = Fleet.Hosts.Select(h => $"""
            Host fleet-{h.Name}
              HostName {h.Address}
              Port {h.Port}
              User {SshServer.TestUser}
              IdentityFile {Fleet.ClientKeyPath}
            {(jumps?.TryGetValue(h.Name, out var jump) == true ? $"  ProxyJump fleet-{jump}" : "")}

            """);
        return File.WriteAllTextAsync(Combine("ssh_config"), string.Concat(blocks));
    }

    /// <summary>
    /// From the log file of the last runs (needs <c>-v detailed</c>): per host, when its work on a chef began
    /// and when it ended, as the log's own timestamps say.
    /// </summary>
    public IReadOnlyDictionary<string, (DateTimeOffset Start, DateTimeOffset End)> WorkTimes(string verb)
    {
        var text = LogText();
        var times = new Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)>();
        foreach (Match match in WorkLinePattern().Matches(text))
        {
            if (match.Groups["verb"].Value != verb)
            {
                continue;
            }

            var at = DateTimeOffset.ParseExact(
                match.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture);
            var host = match.Groups["host"].Value;
            times[host] = match.Groups["level"].Value == "DBG"
                ? (at, DateTimeOffset.MaxValue)
                : (times.GetValueOrDefault(host).Start, at);
        }

        return times;
    }

    public void Dispose() => _local.Dispose();

    [GeneratedRegex(
        @"^(?<time>\S+ \S+ \S+) \[(?<level>DBG|INF)\] (?<verb>[a-z]+) chef_\w+ on (?<host>\S+): ",
        RegexOptions.Multiline)]
    private static partial Regex WorkLinePattern();
}
