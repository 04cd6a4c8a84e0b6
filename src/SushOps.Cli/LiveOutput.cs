using Spectre.Console;
using Spectre.Console.Rendering;
using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli;

/// <summary>
/// A verb's progress on a terminal: one line per host with the chef it works on and the current step,
/// redrawn in place (Spectre.Console's live display), above the last lines the hosts printed. When the
/// work is over, the per-chef result lines are printed as plain lines, as <see cref="ConsoleOutput"/> does.
/// </summary>
internal sealed class LiveOutput : IVerbOutput
{
    private const int ShownLines = 8;
    private readonly IAnsiConsole _console;
    private readonly ConsoleOutput _plain;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Chef, string Step)> _hosts = [];
    private readonly Queue<string> _lastLines = new();
    private readonly List<ChefOutcome> _outcomes = [];

    public LiveOutput(IAnsiConsole console, IEnumerable<Target> targets, ConsoleOutput plain)
    {
        _console = console;
        _plain = plain;
        foreach (var target in targets)
        {
            _hosts.TryAdd(target.Host.Name, ("", "connecting"));
        }
    }

    /// <summary>
    /// True where a live display helps and works: standard output is a terminal that takes ANSI codes, and
    /// NO_COLOR is not set (whoever sets it asks for plain output).
    /// </summary>
    public static bool Fits(IAnsiConsole console) =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && console.Profile.Capabilities is { Ansi: true, Interactive: true };

    public void Line(Target target, HostOutput output)
    {
        lock (_lock)
        {
            _lastLines.Enqueue(Secret.RedactKnown($"[{target.Host.Name}] {target.Chef.Name} | {output.Line}"));
            if (_lastLines.Count > ShownLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public void Outcome(ChefOutcome outcome)
    {
        lock (_lock)
        {
            _outcomes.Add(outcome);
            var status = outcome.Status.ToString().ToLowerInvariant();
            _hosts[outcome.Target.Host.Name] = (outcome.Target.Chef.Name, status);
        }
    }

    public void Progress(Target target, string step)
    {
        lock (_lock)
        {
            _hosts[target.Host.Name] = (target.Chef.Name, step);
        }
    }

    /// <summary>Runs <paramref name="work"/> under the live display, then prints each chef's result line.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        var result = default(T)!;
        await _console.Live(Render()).AutoClear(true).StartAsync(async context =>
        {
            var task = work();
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(150)));
                context.UpdateTarget(Render());
            }

            result = await task;
        });
        lock (_lock)
        {
            _outcomes.ForEach(_plain.Outcome);
        }

        return result;
    }

    /// <summary>The display as it stands: the host table, then the hosts' last lines.</summary>
    public IRenderable Render()
    {
        lock (_lock)
        {
            var width = Math.Max(40, _console.Profile.Width);
            var table = new Table().Border(TableBorder.None).HideHeaders()
                .AddColumn(new TableColumn("host").NoWrap())
                .AddColumn(new TableColumn("chef").NoWrap())
                .AddColumn(new TableColumn("step").NoWrap());
            foreach (var (host, (chef, step)) in _hosts)
            {
                table.AddRow(
                    new Text(host, new Style(decoration: Decoration.Bold)),
                    new Text(chef),
                    new Text(Cut(Secret.RedactKnown(step), width / 2)));
            }

            var lines = _lastLines.Select(line => (IRenderable)new Text(Cut(line, width - 1), new Style(Color.Grey)));
            return new Rows([table, .. lines]);
        }
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
