namespace SushOps.Tests.Studio;

/// <summary>A change api/sync/ accepted, applied later by the stand-in's background task.</summary>
public sealed class StandInChange(long serverRev, string channelId, string session)
{
    public long ServerRev { get; } = serverRev;

    public string ChannelId { get; } = channelId;

    public string Session { get; } = session;

    public bool Applied { get; set; }

    public List<string> Errors { get; } = [];
}
