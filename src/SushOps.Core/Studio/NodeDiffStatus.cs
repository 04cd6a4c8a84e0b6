namespace SushOps.Studio;

/// <summary>What <c>api/get_node_diff</c> answered.</summary>
public enum NodeDiffStatus
{
    /// <summary>200: the diff is there.</summary>
    Ready,

    /// <summary>302 without a Location header: Studio is still generating it.</summary>
    Generating,

    /// <summary>404: no diff exists and none is being generated.</summary>
    NotAvailable,
}
