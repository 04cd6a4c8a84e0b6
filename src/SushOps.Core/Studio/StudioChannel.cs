namespace SushOps.Studio;

/// <summary>A channel as <c>GET api/channel/ID</c> shows it: its live tree, its staged tree and its version.</summary>
/// <param name="Id">The channel id, 32 hexadecimal digits.</param>
/// <param name="Name">The channel's name.</param>
/// <param name="RootId">The root node of the live tree.</param>
/// <param name="StagingRootId">The root node of the staged tree; null when nothing is staged.</param>
/// <param name="Version">The published version; 0 before the first publish.</param>
/// <param name="Publishing">True while a publish is under way.</param>
public sealed record StudioChannel(
    string Id,
    string? Name,
    string? RootId,
    string? StagingRootId,
    int Version,
    bool Publishing);
