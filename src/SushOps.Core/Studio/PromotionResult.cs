namespace SushOps.Studio;

/// <summary>How the promotion of one chef's staged tree ended.</summary>
public enum PromotionResult
{
    /// <summary>Deployed, then published with a new version.</summary>
    Promoted,

    /// <summary>Deployed and not published (<c>--no-publish</c>).</summary>
    Deployed,

    /// <summary>The tree passes (or was forced), but no deploy account is configured.</summary>
    ReadyToDeploy,

    /// <summary>A dry run: the tree would be deployed.</summary>
    WouldDeploy,

    /// <summary>A review rule failed: held for a person.</summary>
    Held,

    /// <summary>Nothing is staged on the channel.</summary>
    NothingToPromote,

    /// <summary>The chef has no Channel ID in the inventory.</summary>
    Skipped,

    /// <summary>Studio refused or failed a step; the message says which.</summary>
    Failed,
}
