using SushOps.Hosts;
using SushOps.Targeting;

namespace SushOps.Verbs;

/// <summary>Where a verb's progress goes as it happens: host output lines, steps and per-chef results.</summary>
public interface IVerbOutput
{
    /// <summary>A line the host printed while working on <paramref name="target"/>, secrets already removed.</summary>
    void Line(Target target, HostOutput output);

    /// <summary>The result for one chef on one host, once it is known.</summary>
    void Outcome(ChefOutcome outcome);

    /// <summary>What is being done for <paramref name="target"/> now: the title of the step that started.</summary>
    void Progress(Target target, string step);
}
