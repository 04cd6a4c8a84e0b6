using System.Diagnostics;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// The one place tests start local processes. Arguments always go through <see cref="ProcessStartInfo.ArgumentList"/>,
/// so no value is ever parsed by a shell.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs a program to its end and captures its output.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory) };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            process.StartInfo.Environment[name] = value;
        }

        process.StartInfo.RedirectStandardInput = true;
        process.Start();

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await using (process.StandardInput)
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            }
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a program and throws with its output unless it exits with 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(fileName, argumentList, standardInput, null, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', argumentList)} failed with {result.Output}");
        }

        return result;
    }

    /// <summary>
    /// Starts a long-running program and leaves it running; its output is drained so that a full pipe never
    /// blocks it, each standard output line going to <paramref name="onOutput"/> if given. The caller owns the
    /// process and must kill it.
    /// </summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, Action<string>? onOutput = null)
    {
        var process = new Process { StartInfo = StartInfo(fileName, arguments, null) };
        if (onOutput is not null)
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    onOutput(line);
                }
            };
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
