using System.Diagnostics;
using System.Text;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// A sushops process started in the background, so a test can act while it runs (send it a signal) and then
/// collect how it ended. Disposing kills it if it still runs.
/// </summary>
public sealed class RunningSushOps : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunningSushOps(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id, to send signals to.</summary>
    public int Id => _process.Id;

    /// <summary>Starts sushops with the environment <see cref="SushOpsProcess"/> gives every test run.</summary>
    public static RunningSushOps Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>The same, with more environment variables.</summary>
    public static RunningSushOps Start(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(new Process { StartInfo = SushOpsProcess.StartInfo(workingDirectory, environment, arguments) });

    /// <summary>Waits until standard output holds <paramref name="text"/>; fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Printed(text))
        {
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                var result = await WaitAsync(timeout);
                Assert.Fail($"sushops never printed \"{text}\": {result.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, to this process alone.</summary>
    public async Task InterruptAsync()
    {
        var kill = await ProcessRunner.RunAsync("kill", ["-INT", Id.ToString()]);
        if (kill.ExitCode != 0)
        {
            var result = await WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Fail($"sushops ended before it was interrupted: {result.Output}");
        }
    }

    /// <summary>Waits for the process to end, at most <paramref name="timeout"/>; returns what it printed.</summary>
    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        lock (_stdout)
        {
            return new ProcessResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private bool Printed(string text)
    {
        lock (_stdout)
        {
            return _stdout.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (_stdout)
            {
                text.Append(line).Append('\n');
            }
        }
    }
}
