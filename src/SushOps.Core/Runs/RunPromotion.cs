namespace SushOps.Runs;

/// <summary>What <c>sushops promote</c> wrote into a run record: the state and the decision in words.</summary>
/// <param name="State"><c>awaiting</c>, <c>promoted</c>, <c>deployed</c>, <c>held</c>, <c>ready_to_deploy</c>,
/// <c>nothing_staged</c> or <c>failed</c>.</param>
/// <param name="Decision">Why, as promote said it; null while the run awaits promotion.</param>
public sealed record RunPromotion(string State, string? Decision);
