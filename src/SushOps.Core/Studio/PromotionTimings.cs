namespace SushOps.Studio;

/// <summary>
/// How long promote waits for Studio's background work, and how often it asks: first after
/// <paramref name="FirstPoll"/>, then twice as long each time up to <paramref name="MaxPoll"/>.
/// </summary>
/// <param name="DiffWait">For the node diff to be generated.</param>
/// <param name="DeployWait">For the deploy change to be applied.</param>
/// <param name="PublishWait">For the publish to finish.</param>
/// <param name="FirstPoll">The first pause between two questions.</param>
/// <param name="MaxPoll">The longest pause between two questions.</param>
public sealed record PromotionTimings(
    TimeSpan DiffWait,
    TimeSpan DeployWait,
    TimeSpan PublishWait,
    TimeSpan FirstPoll,
    TimeSpan MaxPoll)
{
    /// <summary>10 minutes for a diff and a deploy, an hour for a publish (large channels take long).</summary>
    public static PromotionTimings Default { get; } = new(
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1),
        TimeSpan.FromMilliseconds(250),
        TimeSpan.FromSeconds(10));
}
