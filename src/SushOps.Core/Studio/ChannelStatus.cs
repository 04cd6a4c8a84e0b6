namespace SushOps.Studio;

/// <summary>A channel's state as <c>api/internal/get_channel_status_bulk</c> reports it.</summary>
public enum ChannelStatus
{
    /// <summary>The channel was deleted.</summary>
    Deleted,

    /// <summary>A staged tree waits to be deployed.</summary>
    Staged,

    /// <summary>Never published and nothing staged.</summary>
    Unpublished,

    /// <summary>Published and nothing staged.</summary>
    Active,
}
