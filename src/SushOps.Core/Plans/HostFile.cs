namespace SushOps.Plans;

/// <summary>A secret file a plan writes on the host (mode 0600) before its script runs.</summary>
/// <param name="Path">Where it goes on the host; <c>~/</c> is the login user's home.</param>
/// <param name="Content">What it holds; never shown.</param>
public sealed record HostFile(string Path, Secret Content);
