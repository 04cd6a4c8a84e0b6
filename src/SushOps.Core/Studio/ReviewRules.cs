namespace SushOps.Studio;

/// <summary>
/// How far a staged tree may differ from the live tree and still be deployed without a person. The other
/// rules (the run exited 0, no content kind dropped to zero, ricecooker not downgraded) have no setting.
/// </summary>
/// <param name="MaxResourceChange">Percent by which <c>count_resources</c> may change either way.</param>
/// <param name="MaxResourceLoss">Percent of <c>count_resources</c> that may be lost.</param>
/// <param name="MaxSizeChange">Percent by which <c>file_size_in_bytes</c> may change either way.</param>
public sealed record ReviewRules(double MaxResourceChange = 10, double MaxResourceLoss = 5, double MaxSizeChange = 20)
{
    /// <summary>The defaults: 10% change, 5% loss, 20% size change.</summary>
    public static ReviewRules Default { get; } = new();

    /// <summary>These limits with each one <paramref name="chef"/>'s Review column gives in its place.</summary>
    public ReviewRules With(Inventories.ChefReview? chef) => chef is null ? this : new ReviewRules(
        chef.MaxResourceChange ?? MaxResourceChange,
        chef.MaxResourceLoss ?? MaxResourceLoss,
        chef.MaxSizeChange ?? MaxSizeChange);
}
