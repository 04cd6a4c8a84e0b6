namespace SushOps.Plans;

/// <summary>One step of a plan: what it does in words, and the POSIX shell that does it on the host.</summary>
/// <param name="Title">What the step does, as a person would say it.</param>
/// <param name="Script">
/// Shell text; it reports its outcome with <c>report ok|changed MESSAGE</c> or <c>fail MESSAGE</c>.
/// </param>
public sealed record PlanStep(string Title, string Script);
