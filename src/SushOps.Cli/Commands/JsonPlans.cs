using SushOps.Plans;

namespace SushOps.Cli.Commands;

/// <summary>The document <c>--json --dry-run</c> prints for setup, update and run: each plan and its script.</summary>
internal sealed record JsonPlans(string Verb, bool DryRun, IReadOnlyList<JsonPlans.PlanReport> Plans)
{
    public static JsonPlans Of(string verb, IEnumerable<Plan> plans) => new(
        verb,
        true,
        plans.Select(plan => new PlanReport(
            plan.Target.Host.Name,
            plan.Target.Chef.Name,
            plan.Target.Host.Role.Become,
            plan.Files.Select(file => file.Path).ToList(),
            plan.Steps.Select(step => step.Title).ToList(),
            plan.RenderScript())).ToList());

    public sealed record PlanReport(
        string Host,
        string Chef,
        string? Become,
        IReadOnlyList<string> SecretFiles,
        IReadOnlyList<string> Steps,
        string Script);
}
