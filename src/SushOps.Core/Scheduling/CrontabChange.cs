namespace SushOps.Scheduling;

/// <summary>What an edit did to one chef's entry in a crontab.</summary>
public enum CrontabChangeKind
{
    /// <summary>The entry was already as wanted.</summary>
    Unchanged,

    /// <summary>The entry was not there and was added at the end.</summary>
    Added,

    /// <summary>The entry was there with another schedule or command and was rewritten in place.</summary>
    Changed,

    /// <summary>The entry was removed.</summary>
    Removed,
}

/// <summary>One chef's change in a crontab edit.</summary>
/// <param name="Chef">The chef the entry belongs to.</param>
/// <param name="Kind">What happened to it.</param>
/// <param name="Line">The entry as it is now (or was, when removed).</param>
public sealed record CrontabChange(string Chef, CrontabChangeKind Kind, string Line);
