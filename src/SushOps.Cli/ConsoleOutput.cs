using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli;

/// <summary>
/// Prints a verb's progress on standard output as whole lines, each prefixed with its host and chef so
/// output from hosts working side by side stays readable.
/// </summary>
internal sealed class ConsoleOutput(TextWriter writer, bool showOutcomes = true)
    : IVerbOutput
{
    private readonly Lock _lock = new();

    public void Line(Target target, HostOutput output) =>
        Write($"[{target.Host.Name}] {target.Chef.Name} | {output.Line}");

    public void Outcome(ChefOutcome outcome)
    {
        if (showOutcomes)
        {
            Write($"[{outcome.Target.Host.Name}] {outcome.Target.Chef.Name}: {outcome.Summary}");
        }
    }

    /// <summary>Plain lines show no progress: the per-chef result lines tell what was done.</summary>
    public void Progress(Target target, string step)
    {
    }

    /// <summary>Per host, how many chefs ended in each status, like Ansible's play recap.</summary>
    public void Recap(IReadOnlyList<ChefOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        var hosts = outcomes.GroupBy(o => o.Target.Host.Name).ToList();
        var width = hosts.Max(h => h.Key.Length);
        Write("recap:");
        foreach (var host in hosts)
        {
            var counts = Enum.GetValues<OutcomeStatus>()
                .Select(status => $"{status.ToString().ToLowerInvariant()}={host.Count(o => o.Status == status)}");
            Write($"  {host.Key.PadRight(width)}  {string.Join("  ", counts)}");
        }
    }

    /// <summary>Writes one whole line, secrets masked.</summary>
    public void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(Secret.RedactKnown(line));
            writer.Flush();
        }
    }
}
