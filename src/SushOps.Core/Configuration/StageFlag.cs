namespace SushOps.Configuration;

/// <summary>When a scheduled run adds ricecooker's <c>--stage</c> to the chef's command.</summary>
public enum StageFlag
{
    /// <summary>Only for ricecooker older than 0.6.40; newer ones stage by default and only warn at the flag.</summary>
    Auto,

    /// <summary>Always add it.</summary>
    Always,

    /// <summary>Never add it.</summary>
    Never,
}
