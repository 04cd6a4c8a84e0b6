using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>
/// Carries out shell scripts on one host: this machine through a local shell, or a remote host over one
/// SSH connection that every script for that host reuses.
/// </summary>
public interface IHostExecutor : IAsyncDisposable
{
    /// <summary>The host this executor works on.</summary>
    HostTarget Host { get; }

    /// <summary>
    /// Opens the connection; throws <see cref="HostUnreachableException"/> when the host cannot be used.
    /// </summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="script"/> with <c>/bin/sh</c> on the host, feeding it <paramref name="input"/> on
    /// standard input (then closing it) and reporting each output line as it arrives.
    /// </summary>
    /// <returns>The script's exit code.</returns>
    Task<int> ExecuteAsync(
        string script,
        ReadOnlyMemory<byte> input,
        Action<HostOutput> onOutput,
        CancellationToken cancellationToken);
}
