using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;
using SushOps.Configuration;
using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>
/// A logged-in SSH connection to a host, directly or through jump hosts. SSH.NET has no ProxyJump of its own:
/// each jump host is logged in to, a local forward on 127.0.0.1 (a free port) opens a direct-tcpip channel from
/// it to the next hop, and the next hop is logged in to through that forward. Every hop's key is checked against
/// known_hosts under its own name and port, as any host's is.
/// </summary>
/// <remarks>
/// The forward's port on 127.0.0.1 is open to other local users for as long as the connection lasts; they reach
/// the next hop's SSH server through it, but cannot log in without a key it accepts.
/// </remarks>
internal sealed class SshConnection : IDisposable
{
    // Fast, modern key exchanges first: SSH.NET's default choice costs tens of milliseconds of CPU per connect.
    private static readonly string[] PreferredKeyExchanges =
        ["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256"];

    private static readonly ILogger Logger = Log.ForContext<SshConnection>();
    private readonly List<IDisposable> _parts;

    private readonly ConnectionWatch _watch;

    private readonly string _host;
    private readonly int? _commandTimeout;

    private SshConnection(
        string host, int? commandTimeout, SshClient client, ConnectionWatch watch, List<IDisposable> parts)
    {
        _host = host;
        _commandTimeout = commandTimeout;
        Client = client;
        _watch = watch;
        _parts = parts;
    }

    /// <summary>The client logged in to the host itself.</summary>
    public SshClient Client { get; }

    /// <summary>The script as the host runs it: within ssh.command_timeout, when one is set.</summary>
    public string Limit(string script) => CommandLimit.Wrap(script, _commandTimeout);

    /// <summary>
    /// Waits for <paramref name="work"/> on this connection, but no longer than the host answers keepalives, and
    /// says so when the host stopped the script for running past ssh.command_timeout.
    /// </summary>
    /// <exception cref="SshConnectionException">The host stopped answering before the work ended.</exception>
    public async Task<int> UntilLostAsync(Task<int> work)
    {
        int exitCode;
        try
        {
            exitCode = await work.WaitAsync(_watch.Lost);
        }
        catch (OperationCanceledException) when (_watch.Lost.IsCancellationRequested)
        {
            // The command may still run on the host; it cannot be told to stop over a connection that is gone.
            throw new SshConnectionException(_watch.LostReason);
        }

        if (exitCode == CommandLimit.TimedOutExitCode && _commandTimeout is { } seconds)
        {
            Logger.Warning("{Host}: a script ran longer than ssh.command_timeout ({Seconds} s) and was stopped "
                + "(exit code {ExitCode})", _host, seconds, exitCode);
        }

        return exitCode;
    }

    /// <summary>Logs in to each hop of <paramref name="route"/> in turn, the host last.</summary>
    /// <exception cref="HostUnreachableException">A hop did not answer, or refused its key or the login.</exception>
    public static async Task<SshConnection> OpenAsync(
        HostTarget host, SshRoute route, SshSettings settings, CancellationToken cancellationToken)
    {
        var parts = new List<IDisposable>();
        try
        {
            SshClient? previous = null;
            foreach (var hop in route.Jumps.Append(route.Target))
            {
                var (address, port) = previous is null ? (hop.HostName, hop.Port) : Forward(previous, hop, parts);
                var what = hop == route.Target
                    ? host.Name
                    : $"{host.Name} (through jump host {hop.Name})";
                previous = await LogInAsync(what, hop, address, port, settings, cancellationToken);
                parts.Add(previous);
            }

            var watch = ConnectionWatch.Start(previous!, host.Name, TimeSpan.FromSeconds(settings.KeepAliveInterval),
                settings.KeepAliveCountMax);
            parts.Add(watch);
            parts.Reverse();
            return new SshConnection(host.Name, settings.CommandTimeout, previous!, watch, parts);
        }
        catch
        {
            parts.Reverse();
            parts.ForEach(part => part.Dispose());
            throw;
        }
    }

    /// <summary>Closes the host's connection, then the jump hosts' from the nearest to the first.</summary>
    public void Dispose()
    {
        foreach (var part in _parts)
        {
            try
            {
                if (part is SshClient { IsConnected: true } client)
                {
                    client.Disconnect();
                }
            }
            catch (ObjectDisposedException)
            {
                // The executor closed the host's client already.
            }

            part.Dispose();
        }
    }

    private static (string Address, int Port) Forward(SshClient jump, SshEndpoint next, List<IDisposable> parts)
    {
        var forward = new ForwardedPortLocal("127.0.0.1", 0, next.HostName, (uint)next.Port);
        jump.AddForwardedPort(forward);
        parts.Add(forward);
        forward.Exception += (_, e) => Logger.Debug(e.Exception, "Forward to {Hop} failed", next);
        forward.Start();
        return ("127.0.0.1", (int)forward.BoundPort);
    }

    private static async Task<SshClient> LogInAsync(
        string what,
        SshEndpoint hop,
        string address,
        int port,
        SshSettings settings,
        CancellationToken cancellationToken)
    {
        var keys = SshKeys.Load(hop.IdentityFile);
        var info = new ConnectionInfo(address, port, hop.User, new PrivateKeyAuthenticationMethod(hop.User, keys))
        {
            Timeout = TimeSpan.FromSeconds(settings.ConnectTimeout),
        };
        var knownHosts = KnownHosts.Load(settings.KnownHosts);
        PreferFirst(info.KeyExchangeAlgorithms, PreferredKeyExchanges);
        PreferFirst(info.HostKeyAlgorithms, knownHosts.KeyTypesFor(hop.HostName, hop.Port).SelectMany(SignatureNames));

        var check = new HostKeyCheck(
            knownHosts, hop.HostName, hop.Port, settings.KnownHosts, settings.AcceptNewHostKeys);
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(settings.KeepAliveInterval) };
        client.HostKeyReceived += check.OnHostKeyReceived;
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is SshException or SocketException or TimeoutException or ProxyException)
        {
            client.Dispose();

            // A refused key or login stays refused; a host that did not answer may answer later.
            var mayPass = check.Refusal is null && e is not SshAuthenticationException;
            throw new HostUnreachableException(Describe(what, e, check, hop, settings), e) { MayPass = mayPass };
        }

        check.RecordAcceptedKey();
        Logger.Debug("Connected to {Host} as {User} ({KeyExchange})", hop, hop.User,
            client.ConnectionInfo.CurrentKeyExchangeAlgorithm);
        return client;
    }

    private static string Describe(
        string what, Exception e, HostKeyCheck check, SshEndpoint hop, SshSettings settings)
    {
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        var reason = e switch
        {
            SocketException socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is sshd running on that port?)",
                SocketError.HostNotFound or SocketError.NoData => "no such host name",
                SocketError.TimedOut => "no answer (timed out)",
                _ => socket.Message,
            },
            SshAuthenticationException => $"login as {hop.User} refused: {e.Message} "
                                          + "(check ssh.identity_file and the host's authorized_keys)",
            SshOperationTimeoutException or TimeoutException =>
                $"no answer within {settings.ConnectTimeout} s (ssh.connect_timeout)",
            _ => e.Message,
        };
        return $"{what} is unreachable: {reason}";
    }

    // An RSA key is known as ssh-rsa but signs with SHA-2 on current servers.
    private static IEnumerable<string> SignatureNames(string keyType) => keyType == "ssh-rsa"
        ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
        : [keyType];

    private static void PreferFirst<T>(IOrderedDictionary<string, T> algorithms, IEnumerable<string> preferred)
    {
        var wanted = preferred.Where(algorithms.ContainsKey).Distinct().ToList();
        var reordered = wanted.Select(name => KeyValuePair.Create(name, algorithms[name]))
            .Concat(algorithms.Where(pair => !wanted.Contains(pair.Key)))
            .ToList();
        algorithms.Clear();
        foreach (var (name, value) in reordered)
        {
            algorithms.Add(name, value);
        }
    }
}
