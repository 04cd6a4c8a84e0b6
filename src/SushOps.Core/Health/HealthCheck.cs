namespace SushOps.Health;

/// <summary>One thing chefs need on a host, and whether it is there.</summary>
/// <param name="Name">What is checked, such as <c>git</c> or <c>free disk</c>.</param>
/// <param name="Ok">True when it is there (or enough of it).</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">The command or step that puts it there; null when nothing is missing.</param>
public sealed record HealthCheck(string Name, bool Ok, string Detail, string? Fix = null);
