using System.Globalization;
using System.Text.RegularExpressions;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// Several test hosts with addresses of their own: each is a Linux network namespace joined to this machine (or to
/// another host of the fleet) by a veth pair, with its own sshd and host key, logging in
/// <see cref="SshServer.TestUser"/> with one client key. The namespaces share this machine's file system and users,
/// so every host gets its own chefs directory. Where namespaces cannot be made, the hosts are sshd processes on
/// loopback ports instead, and <see cref="WhyNoNamespaces"/> says why.
/// </summary>
/// <remarks>
/// Names carry this process's id (<c>sushops-PID-N-x</c>, links <c>sfPIDxNx0</c>), so that namespaces and links left
/// by a test run that was killed are recognised and removed by the next one, and parallel runs do not meet.
/// Addresses come from 10.203.0.0/16, one /24 per fleet and one /30 per link.
/// </remarks>
public sealed partial class TestFleet : IAsyncDisposable
{
    private static readonly SemaphoreSlim CreationLock = new(1, 1);
    private static int _fleetCount;

    private readonly List<string> _namespaces = [];
    private readonly List<FleetHost> _hosts = [];
    private readonly TempDirectory _directory = new("sushops-fleet");
    private string? _subnet;

    private TestFleet()
    {
    }

    /// <summary>The hosts, in the order they were asked for.</summary>
    public IReadOnlyList<FleetHost> Hosts => _hosts;

    /// <summary>Why the hosts are on loopback ports, not in namespaces; null when they are in namespaces.</summary>
    public string? WhyNoNamespaces { get; private set; }

    /// <summary>The private key every host of the fleet accepts.</summary>
    public string ClientKeyPath => _directory.Combine("client_ed25519");

    /// <summary>known_hosts lines for every host, each under the address it is reached at.</summary>
    public string KnownHostsText => string.Concat(_hosts.Select(h => File.ReadAllText(h.Server.KnownHostsPath)));

    /// <summary>The host named <paramref name="name"/>.</summary>
    public FleetHost this[string name] => _hosts.Single(h => h.Name == name);

    /// <summary>
    /// Starts one host per name. A host listed in <paramref name="behind"/> (name → name of another host) is joined
    /// to that host only, not to this machine: it is reachable only through that host.
    /// </summary>
    public static async Task<TestFleet> StartAsync(
        IReadOnlyList<string> names,
        IReadOnlyDictionary<string, string>? behind = null,
        CancellationToken cancellationToken = default)
    {
        behind ??= new Dictionary<string, string>();
        var fleet = new TestFleet();
        try
        {
            await fleet.CreateHostsAsync(names, behind, cancellationToken);
            var key = await SshKeygen.GenerateAsync(
                fleet._directory.Path, "client_ed25519", "ed25519", cancellationToken);
            foreach (var host in fleet._hosts)
            {
                var authorizedKeys = Path.Combine(host.Server.Directory, "authorized_keys");
                await File.AppendAllTextAsync(authorizedKeys, key.PublicKeyText + "\n", cancellationToken);
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the host's link down: it stops answering, without refusing or closing anything.</summary>
    public Task CutOffAsync(FleetHost host, CancellationToken cancellationToken = default) =>
        host.Namespace is { } name && host.Link is { } link
            ? RunIpAsync(["-n", name, "link", "set", link, "down"], cancellationToken)
            : throw new InvalidOperationException("Only a host in a network namespace can be cut off.");

    /// <summary>Stops every sshd, removes the namespaces (their links go with them) and the fleet's files.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.Server.DisposeAsync();
        }

        foreach (var name in _namespaces)
        {
            await RemoveNamespaceAsync(name, CancellationToken.None);
        }

        if (_subnet is not null)
        {
            await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", _subnet]);
        }

        _directory.Dispose();
    }

    private async Task CreateHostsAsync(
        IReadOnlyList<string> names, IReadOnlyDictionary<string, string> behind, CancellationToken token)
    {
        await CreationLock.WaitAsync(token);
        try
        {
            await RemoveLeftoversAsync(token);
            WhyNoNamespaces = await WhyNamespacesFailAsync(token);
            if (WhyNoNamespaces is not null)
            {
                foreach (var name in names)
                {
                    _hosts.Add(new FleetHost(name, await SshServer.StartAsync(token), null, null));
                }

                return;
            }

            var fleetNumber = Interlocked.Increment(ref _fleetCount);
            var subnet = await FreeSubnetAsync(token);

            // This machine's default route may lead to a network that accepts any connection; the fleet's own
            // addresses must not go there, so a host behind another is truly out of reach.
            _subnet = string.Create(CultureInfo.InvariantCulture, $"10.203.{subnet}.0/24");
            await RunIpAsync(["route", "replace", "unreachable", _subnet], token);
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                var namespaceName = $"sushops-{Environment.ProcessId}-{fleetNumber}-{name}";
                var outer = behind.TryGetValue(name, out var gateway) ? this[gateway].Namespace : null;
                var link = $"sf{Environment.ProcessId}x{fleetNumber}{name}";
                var address = await JoinAsync(namespaceName, outer, link, subnet, i, token);
                var server = await SshServer.StartInNamespaceAsync(namespaceName, address, token);
                _hosts.Add(new FleetHost(name, server, namespaceName, link + "1"));
            }
        }
        finally
        {
            CreationLock.Release();
        }
    }

    /// <summary>
    /// Makes the namespace and a veth pair from <paramref name="outer"/> (null: this machine) into it, addresses
    /// 10.203.SUBNET.(4i+1) outside and 10.203.SUBNET.(4i+2) inside; returns the inside address.
    /// </summary>
    private async Task<string> JoinAsync(
        string namespaceName, string? outer, string link, int subnet, int index, CancellationToken token)
    {
        await RemoveNamespaceAsync(namespaceName, token);
        await RunIpAsync(["netns", "add", namespaceName], token);
        _namespaces.Add(namespaceName);

        var (outside, inside) = (link + "0", link + "1");
        var prefix = string.Create(CultureInfo.InvariantCulture, $"10.203.{subnet}.");
        var outsideAddress = prefix + (4 * index + 1).ToString(CultureInfo.InvariantCulture);
        var insideAddress = prefix + (4 * index + 2).ToString(CultureInfo.InvariantCulture);
        string[] onOuter = outer is null ? [] : ["-n", outer];
        await RunIpAsync(["link", "add", outside, "type", "veth", "peer", "name", inside], token);
        await RunIpAsync(["link", "set", inside, "netns", namespaceName], token);
        if (outer is not null)
        {
            await RunIpAsync(["link", "set", outside, "netns", outer], token);
        }

        await RunIpAsync([.. onOuter, "addr", "add", outsideAddress + "/30", "dev", outside], token);
        await RunIpAsync([.. onOuter, "link", "set", outside, "up"], token);
        await RunIpAsync(["-n", namespaceName, "addr", "add", insideAddress + "/30", "dev", inside], token);
        await RunIpAsync(["-n", namespaceName, "link", "set", inside, "up"], token);
        await RunIpAsync(["-n", namespaceName, "link", "set", "lo", "up"], token);
        return insideAddress;
    }

    /// <summary>Null when a namespace can be made here (one is made and removed to find out), else why not.</summary>
    private static async Task<string?> WhyNamespacesFailAsync(CancellationToken token)
    {
        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip"))
        {
            return "the ip command (iproute2) is not installed";
        }

        var probe = $"sushops-{Environment.ProcessId}-probe";
        var added = await ProcessRunner.RunAsync("ip", ["netns", "add", probe], null, null, token);
        if (added.ExitCode != 0)
        {
            return $"ip netns add failed: {added.StandardError.Trim()}";
        }

        await RemoveNamespaceAsync(probe, token);
        return null;
    }

    /// <summary>A /24 of 10.203.0.0/16 that no address on this machine is in yet.</summary>
    private static async Task<int> FreeSubnetAsync(CancellationToken token)
    {
        var addresses = (await ProcessRunner.RunCheckedAsync("ip", ["-o", "-4", "addr", "show"], null, token))
            .StandardOutput;
        var used = UsedSubnetPattern().Matches(addresses).Select(m => int.Parse(m.Groups[1].Value, null)).ToHashSet();
        var start = Random.Shared.Next(256);
        return Enumerable.Range(0, 256).Select(i => (start + i) % 256).First(n => !used.Contains(n));
    }

    /// <summary>Removes namespaces and links of earlier test processes that no longer run.</summary>
    private static async Task RemoveLeftoversAsync(CancellationToken token)
    {
        var namespaces = await ProcessRunner.RunAsync("ip", ["netns", "list"], null, null, token);
        foreach (var match in LeftoverNamespacePattern().Matches(namespaces.StandardOutput).Where(IsOfEndedProcess))
        {
            await RemoveNamespaceAsync(match.Value, token);
        }

        var links = await ProcessRunner.RunAsync("ip", ["-o", "link", "show"], null, null, token);
        foreach (var match in LeftoverLinkPattern().Matches(links.StandardOutput).Where(IsOfEndedProcess))
        {
            await ProcessRunner.RunAsync("ip", ["link", "del", match.Groups[0].Value], null, null, token);
        }
    }

    private static bool IsOfEndedProcess(Match match) =>
        match.Groups[1].Value != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
        && !Directory.Exists($"/proc/{match.Groups[1].Value}");

    /// <summary>Kills what runs in the namespace (one with processes in it lives on), then removes it.</summary>
    private static async Task RemoveNamespaceAsync(string name, CancellationToken token)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", name], null, null, token);
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", pid.Trim()], null, null, token);
        }

        await ProcessRunner.RunAsync("ip", ["netns", "del", name], null, null, token);
    }

    private static Task RunIpAsync(string[] arguments, CancellationToken token) =>
        ProcessRunner.RunCheckedAsync("ip", arguments, null, token);

    [GeneratedRegex(@"\b10\.203\.([0-9]{1,3})\.")]
    private static partial Regex UsedSubnetPattern();

    [GeneratedRegex(@"^sushops-([0-9]+)-[0-9a-z-]+", RegexOptions.Multiline)]
    private static partial Regex LeftoverNamespacePattern();

    [GeneratedRegex(@"(?<=^[0-9]+: )sf([0-9]+)x[0-9]+[a-z]+[01]", RegexOptions.Multiline)]
    private static partial Regex LeftoverLinkPattern();
}
