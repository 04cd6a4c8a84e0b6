using System.Diagnostics;
using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>Runs scripts on this machine with <c>/bin/sh</c>, from the user's home directory, as SSH would.</summary>
public sealed class LocalExecutor(HostTarget host) : IHostExecutor
{
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
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        };
        using var process = Process.Start(start)
                            ?? throw new SushOpsException("Could not start /bin/sh on this machine.", ExitCodes.Failed);
        await using (cancellationToken.Register(() => Kill(process)))
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
