namespace SushOps.Inventories;

/// <summary>The columns sushops reads from an inventory, with the header names each is known by.</summary>
internal sealed record InventoryColumn(string DisplayName, string SheetName, params string[] HeaderNames)
{
    public static readonly InventoryColumn Name = new("chef_name", "Nickname", "chefname", "nickname", "name", "chef");
    public static readonly InventoryColumn Repo =
        new("repo_url", "Github Repo URL", "repourl", "githubrepourl", "repo", "repository", "git");
    public static readonly InventoryColumn Command = new("command", "Run Command", "command", "runcommand");
    public static readonly InventoryColumn Schedule =
        new("schedule", "Crontab Schedule", "schedule", "crontabschedule", "crontab", "cron");
    public static readonly InventoryColumn Role = new("role", "Role", "role");
    public static readonly InventoryColumn Branch = new("branch", "Branch", "branch");
    public static readonly InventoryColumn ChannelId = new("channel_id", "Channel ID", "channelid");
    public static readonly InventoryColumn PostSetup =
        new("post_setup", "Post-setup command", "postsetup", "postsetupcommand");
    public static readonly InventoryColumn WorkingDirectory =
        new("cwd", "Change Working Directory", "cwd", "changeworkingdirectory", "workingdirectory", "workdir");

    public static readonly InventoryColumn Review = new("review", "Review", "review", "reviewlimits");

    public static readonly IReadOnlyList<InventoryColumn> All =
        [Name, Repo, Command, Schedule, Role, Branch, ChannelId, PostSetup, WorkingDirectory, Review];

    public static readonly IReadOnlyList<InventoryColumn> Required = [Name, Repo, Command];

    /// <summary>A header compared the way people write it: case, spaces, hyphens and underscores ignored.</summary>
    public static string Normalize(string header) =>
        new(header.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_').Select(char.ToLowerInvariant).ToArray());

    public bool Matches(string header) => HeaderNames.Contains(Normalize(header));
}
