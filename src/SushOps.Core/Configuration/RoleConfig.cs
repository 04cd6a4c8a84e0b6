namespace SushOps.Configuration;

/// <summary>A named group of hosts that hold chefs, with the settings they share.</summary>
/// <param name="Name">The role's name, such as <c>vader</c> or <c>cloud-kitchen</c>.</param>
/// <param name="Hosts">Its hosts; empty for the <c>local</c> role, whose host is this machine.</param>
/// <param name="ChefsDir">Where chefs live on its hosts; <c>~/</c> is the login user's home.</param>
/// <param name="Python">The interpreter that makes each chef's virtualenv.</param>
public sealed record RoleConfig(string Name, IReadOnlyList<HostAddress> Hosts, string ChefsDir, string Python)
{
    /// <summary>
    /// The most a host can take: OpenSSH allows 10 sessions per connection, and sushops keeps a margin.
    /// </summary>
    public const int MaxParallelLimit = 8;

    /// <summary>How many chefs on one host a verb works on at once (each on its own channel).</summary>
    public int MaxParallel { get; init; } = 1;

    /// <summary>When scheduled runs add ricecooker's <c>--stage</c>.</summary>
    public StageFlag Stage { get; init; } = StageFlag.Auto;

    /// <summary>Hours after which a scheduled run is stopped and recorded as timed out; no limit when null.</summary>
    public double? MaxRunHours { get; init; }

    /// <summary>The time zone the hosts' cron runs in, used to show next runs; the operator's when null.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The user chefs belong to on the role's hosts, when it is not the login user: every command then runs
    /// through <c>sudo -u</c> that user, and a <c>~/</c> chefs_dir is in that user's home.
    /// </summary>
    public string? Become { get; init; }

    /// <summary>True when the role's chefs transcode video, so its hosts need ffmpeg.</summary>
    public bool Transcodes { get; init; }

    /// <summary>
    /// The sushops executable on this role's hosts; when set, a scheduled run that succeeds is promoted on the
    /// host right away (<c>sushops promote CHEF</c>), else it waits for <c>sushops promote --all</c>.
    /// </summary>
    public string? SushopsPath { get; init; }

    /// <summary>How far a staged tree of this role's chefs may differ from the live tree and be deployed.</summary>
    public Studio.ReviewRules Review { get; init; } = Studio.ReviewRules.Default;

    /// <summary>The name of the role that always exists and runs on this machine without SSH.</summary>
    public const string LocalName = "local";

    /// <summary>True for the role whose host is this machine.</summary>
    public bool IsLocal => Name == LocalName;
}
