namespace SushOps.Studio;

/// <summary>What the operator asked of promote.</summary>
/// <param name="DryRun">Decide and show, change nothing in Studio or in run records.</param>
/// <param name="Force">Deploy even when rules fail; the record keeps who forced it.</param>
/// <param name="NoPublish">Deploy, but leave publishing to a person.</param>
/// <param name="Operator">Who runs promote (user@machine), recorded when forcing.</param>
public sealed record PromotionOptions(bool DryRun, bool Force, bool NoPublish, string Operator)
{
    /// <summary>How long to wait for Studio.</summary>
    public PromotionTimings Timings { get; init; } = PromotionTimings.Default;
}
