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
/// <param name="host">The host to work on.</param>
/// <param name="settings">How to log in.</param>
/// <param name="sshConfig">
/// Resolves the host through ssh_config; share one per command so each host is resolved once.
/// </param>
public sealed class SshExecutor(HostTarget host, SshSettings settings, OpenSshConfig? sshConfig = null)
    : IHostExecutor
{
    private static readonly ILogger Logger = Log.ForContext<SshExecutor>();
    private OpenSshConfig? _sshConfig = sshConfig;
    private SshConnection? _connection;
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
        _sshConfig ??= new OpenSshConfig(settings);
        var route = await _sshConfig.ResolveAsync(Address, cancellationToken);
        _connection = await SshConnection.OpenAsync(Host, route, settings, cancellationToken);
        return _connection.Client;
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
            var limited = _connection?.Limit(script) ?? script;
            var execution = ExecuteOnAsync(client, limited, input, onOutput, cancellationToken);
            return await (_connection?.UntilLostAsync(execution) ?? execution);
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
        // SSH.NET 2026.0.1 does not always deliver the end of an input that nothing was written to, so a script
        // that reads an empty input (an empty new crontab) could wait forever: it reads /dev/null instead. With
        // input, the host reads all of it before the script starts: a script that ended first would close the
        // channel while SSH.NET still sends, which sshd answers by dropping the whole connection.
        var text = input.IsEmpty
            ? "exec /bin/sh -c " + ShellQuote.Quote(script) + " </dev/null"
            : "exec /bin/sh -c " + ShellQuote.Quote(ReadInputFirst) + " sushops " + ShellQuote.Quote(script);
        using var command = client.CreateCommand(text);
        var execution = command.ExecuteAsync(CancellationToken.None);
        await using (cancellationToken.Register(() => _ = Task.Run(() => Stop(command))))
        {
            if (!input.IsEmpty)
            {
                await WriteInputAsync(command, input);
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

    // Keeps standard input in memory (never in a file: it may hold a secret) and pipes it to the script, $1.
    // The dot keeps trailing newlines, which a command substitution would drop.
    private const string ReadInputFirst = """input=$(cat; echo .); printf '%s' "${input%.}" | /bin/sh -c "$1" """;

    // A script that ends before its input is written (it failed at once) needs none: SSH.NET then refuses the
    // input stream, and the script's exit code tells what happened.
    private static async Task WriteInputAsync(SshCommand command, ReadOnlyMemory<byte> input)
    {
        try
        {
            await using var stdin = command.CreateInputStream();
            await stdin.WriteAsync(input, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            Logger.Debug("The script ended before its input was written: {Reason}", e.Message);
        }
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

        _connection?.Dispose();
        return ValueTask.CompletedTask;
    }
}
