using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;
using SushOps.Configuration;
using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>
/// Runs scripts on a remote host over one SSH.NET connection, with key authentication and host keys checked
/// against known_hosts. Every script runs as <c>/bin/sh -c SCRIPT</c>, whatever the login shell is.
/// </summary>
public sealed class SshExecutor(HostTarget host, SshSettings settings) : IHostExecutor
{
    // Fast, modern key exchanges first: SSH.NET's default choice costs tens of milliseconds of CPU per connect.
    private static readonly string[] PreferredKeyExchanges =
        ["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256"];

    private static readonly ILogger Logger = Log.ForContext<SshExecutor>();
    private SshClient? _client;

    /// <inheritdoc />
    public HostTarget Host { get; } = host;

    private HostAddress Address => Host.Address ?? throw new InvalidOperationException("An SSH host needs an address.");

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _client = await ConnectOnceAsync(cancellationToken);
                return;
            }
            catch (HostUnreachableException e) when (e.MayPass && attempt < settings.ConnectionAttempts)
            {
                var pause = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
                Logger.Information("{Reason}; trying again in {Pause} (attempt {Attempt} of {Attempts})",
                    e.Message, pause, attempt + 1, settings.ConnectionAttempts);
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    private async Task<SshClient> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var address = Address;
        var port = address.Port ?? 22;
        var user = settings.User ?? address.User ?? Environment.UserName;
        var keys = SshKeys.Load(settings.IdentityFile);
        var info = new ConnectionInfo(address.Host, port, user, new PrivateKeyAuthenticationMethod(user, keys))
        {
            Timeout = TimeSpan.FromSeconds(settings.ConnectTimeout),
        };
        var knownHosts = KnownHosts.Load(settings.KnownHosts);
        PreferFirst(info.KeyExchangeAlgorithms, PreferredKeyExchanges);
        PreferFirst(info.HostKeyAlgorithms, knownHosts.KeyTypesFor(address.Host, port).SelectMany(SignatureNames));

        var check = new HostKeyCheck(knownHosts, address.Host, port, settings.KnownHosts, settings.AcceptNewHostKeys);
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(30) };
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
            throw new HostUnreachableException(Describe(e, check, user), e) { MayPass = mayPass };
        }

        check.RecordAcceptedKey();
        Logger.Debug("Connected to {Host} as {User} ({KeyExchange})", Host.Name, user,
            client.ConnectionInfo.CurrentKeyExchangeAlgorithm);
        return client;
    }

    /// <inheritdoc />
    public async Task<int> ExecuteAsync(
        string script,
        ReadOnlyMemory<byte> input,
        Action<HostOutput> onOutput,
        CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException("Connect before executing.");
        try
        {
            return await ExecuteOnAsync(client, script, input, onOutput, cancellationToken);
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or ObjectDisposedException)
        {
            throw new HostUnreachableException($"{Host.Name}: the connection was lost: {e.Message}", e);
        }
    }

    // An interrupted command is stopped, not abandoned: sushops asks sshd to send TERM, which sshd sends to the
    // session's whole process group (the script and all it started; the runner then stops its chef's own
    // group), and waits for the script to end (up to StopGrace) before going on.
    private static async Task<int> ExecuteOnAsync(
        SshClient client,
        string script,
        ReadOnlyMemory<byte> input,
        Action<HostOutput> onOutput,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = client.CreateCommand("exec /bin/sh -c " + ShellQuote.Quote(script));
        var execution = command.ExecuteAsync(CancellationToken.None);
        await using (cancellationToken.Register(() => _ = Task.Run(() => Stop(command))))
        {
            await using (var stdin = command.CreateInputStream())
            {
                await stdin.WriteAsync(input, CancellationToken.None);
            }

            var stdout = LineReader.PumpAsync(command.OutputStream, false, onOutput, CancellationToken.None);
            var stderr = LineReader.PumpAsync(command.ExtendedOutputStream, true, onOutput, CancellationToken.None);
            try
            {
                await execution;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stop gave up waiting for the host; the channel is closed and the outcome is "interrupted".
            }

            await Task.WhenAll(stdout, stderr);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return command.ExitStatus ?? (command.ExitSignal is null ? 255 : 128 + 15);
    }

    private static void Stop(SshCommand command)
    {
        try
        {
            Logger.Debug("Interrupted: sending TERM to the remote script");
            command.CancelAsync(forceKill: false, millisecondsTimeout: (int)HostScripts.StopGrace.TotalMilliseconds);
        }
        catch (Exception e) when (e is InvalidOperationException or SshException or ObjectDisposedException)
        {
            // Not started yet, or already over: nothing is left to stop.
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }

            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private string Describe(Exception e, HostKeyCheck check, string user)
    {
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        var what = e switch
        {
            SocketException socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is sshd running on that port?)",
                SocketError.HostNotFound or SocketError.NoData => "no such host name",
                SocketError.TimedOut => "no answer (timed out)",
                _ => socket.Message,
            },
            SshAuthenticationException => $"login as {user} refused: {e.Message} "
                                          + "(check ssh.identity_file and the host's authorized_keys)",
            SshOperationTimeoutException or TimeoutException =>
                $"no answer within {settings.ConnectTimeout} s (ssh.connect_timeout)",
            _ => e.Message,
        };
        return $"{Host.Name} is unreachable: {what}";
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
