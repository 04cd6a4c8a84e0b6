namespace SushOps.Status;

/// <summary>One run record as the facts script sends it.</summary>
/// <param name="Name">The record's file name without <c>.json</c>.</param>
/// <param name="Text">The record's JSON, base64-encoded.</param>
public sealed record RecordFacts(string Name, string Text);
