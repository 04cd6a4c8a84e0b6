using System.Diagnostics;
using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>Runs scripts on this machine with <c>/bin/sh</c>, from the user's home directory, as SSH would.</summary>
public sealed class LocalExecutor(HostTarget host) : IHostExecutor
{
    // The script runs in a session and process group of its own, so that stopping it reaches all it started.
    // Without setsid (not a Linux machine) only the kill after the grace time stops it, and runs are not
    // recorded as interrupted.
    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    /// <inheritdoc />
    public HostTarget Host { get; } = host;

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<int> ExecuteAsync(
        string script,
        ReadOnlyMemory<byte> input,
        Action<HostOutput> onOutput,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var setsid = SetsidPaths.FirstOrDefault(File.Exists);
        var start = new ProcessStartInfo(setsid ?? "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add("/bin/sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);

        using var process = Process.Start(start)
                            ?? throw new SushOpsException("Could not start /bin/sh on this machine.", ExitCodes.Failed);
        await using (cancellationToken.Register(() => _ = StopAsync(process)))
        {
            var none = CancellationToken.None;
            var stdout = LineReader.PumpAsync(process.StandardOutput.BaseStream, false, onOutput, none);
            var stderr = LineReader.PumpAsync(process.StandardError.BaseStream, true, onOutput, none);
            await FeedAsync(process, input, cancellationToken);
            await Task.WhenAll(stdout, stderr);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task FeedAsync(Process process, ReadOnlyMemory<byte> input, CancellationToken ct)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input, ct);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script ended or closed its input without reading all of it; its exit code tells the rest.
        }
    }

    // As sshd does: TERM to the script's whole process group (setsid made it one), so the runner records the
    // run as interrupted and nothing else is left; what still runs after the grace time is killed.
    private static async Task StopAsync(Process process)
    {
        try
        {
            Signals.TerminateGroup(process.Id);
            using var grace = new CancellationTokenSource(HostScripts.StopGrace);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // It ended on its own in the meantime.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }
}
