using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;

namespace SushOps.Hosts;

/// <summary>
/// Notices a host that stopped answering while its connection is open, as OpenSSH's ServerAliveInterval does, and
/// then cancels <see cref="Lost"/>, so that the commands waiting on the connection end and the host is reported
/// unreachable.
/// </summary>
/// <remarks>
/// SSH.NET's own keepalive only sends messages that need no answer, so a host that vanished (powered off, cable
/// pulled) went unnoticed until the kernel gave up on the TCP connection, a quarter of an hour later. SSH.NET gives
/// no way to send a request that is answered at the connection level (OpenSSH's keepalive@openssh.com), so each
/// probe opens a session channel and runs <c>true</c>: any answer, even a refused channel, shows the host is there.
/// A probe costs the host a session and a <c>true</c> process every interval.
/// </remarks>
internal sealed class ConnectionWatch : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<ConnectionWatch>();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly SshClient _client;
    private readonly string _host;
    private readonly TimeSpan _interval;
    private readonly int _countMax;

    private ConnectionWatch(SshClient client, string host, TimeSpan interval, int countMax)
    {
        _client = client;
        _host = host;
        _interval = interval;
        _countMax = countMax;
    }

    /// <summary>Why the connection counts as lost, when the host stopped answering; null while it answers.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Cancelled when the host stopped answering.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Starts probing <paramref name="client"/> every <paramref name="interval"/>.</summary>
    public static ConnectionWatch Start(SshClient client, string host, TimeSpan interval, int countMax)
    {
        var watch = new ConnectionWatch(client, host, interval, countMax);
        _ = Task.Run(() => watch.WatchAsync(watch._stop.Token));
        return watch;
    }

    /// <summary>Stops probing.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        try
        {
            while (_client.IsConnected)
            {
                await Task.Delay(_interval, stop);
                if (!await AnswersAsync(stop))
                {
                    var silence = _interval * _countMax;
                    LostReason = $"it answered no keepalive for {silence.TotalSeconds:0} s (ssh.keepalive_interval "
                        + $"{_interval.TotalSeconds:0} s, {_countMax} times)";
                    Logger.Warning("{Host}: {Reason}; the connection counts as lost", _host, LostReason);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SshConnectionException)
        {
            // Stopped with the connection, or the connection ended on its own; the commands on it see that.
        }
        catch (Exception e)
        {
            Logger.Debug(e, "Keepalive probes of {Host} stopped", _host);
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken stop)
    {
        var probe = _client.CreateCommand("true");
        try
        {
            // Not SSH.NET's own cancellation or timeout: opening the channel blocks the caller until the host
            // answers, and cancelling waits for the host to confirm, which a host that is gone never does.
            await Task.Run(() => probe.ExecuteAsync(stop), stop).WaitAsync(_interval * _countMax, stop);
            probe.Dispose();
            Logger.Verbose("{Host} answered a keepalive probe", _host);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or SshOperationTimeoutException)
        {
            return false;
        }
        catch (SshException e) when (e is not SshConnectionException)
        {
            // A refused channel (too many sessions, say) is an answer too.
            probe.Dispose();
            return true;
        }
    }
}
