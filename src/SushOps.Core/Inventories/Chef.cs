namespace SushOps.Inventories;

/// <summary>One sushi chef: a row of the inventory, validated.</summary>
/// <param name="Name">Short unique id, such as <c>khan_academy_en</c>.</param>
/// <param name="RepoUrl">Where its git repository is cloned from (a URL, or an absolute local path).</param>
/// <param name="Command">The shell command that runs the chef, in its working directory.</param>
/// <param name="Schedule">Its crontab schedule, when it runs unattended.</param>
/// <param name="Role">The role whose hosts hold it, when the inventory names one.</param>
/// <param name="Branch">The branch to check out; the remote's default when empty.</param>
/// <param name="ChannelId">The Kolibri Studio channel it uploads to.</param>
/// <param name="PostSetup">A shell command run once after setup, in the checkout.</param>
/// <param name="WorkingDirectory">Where the command runs, relative to the checkout.</param>
/// <param name="Row">The inventory row it came from, as a person counts rows (the header is row 1).</param>
public sealed record Chef(
    string Name,
    string RepoUrl,
    string Command,
    string? Schedule = null,
    string? Role = null,
    string? Branch = null,
    string? ChannelId = null,
    string? PostSetup = null,
    string? WorkingDirectory = null,
    int Row = 0)
{
    /// <summary>The chef's own review limits from the Review column, over its role's; null when it has none.</summary>
    public ChefReview? Review { get; init; }
}
