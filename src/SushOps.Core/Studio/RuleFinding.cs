namespace SushOps.Studio;

/// <summary>What one review rule found.</summary>
/// <param name="Rule">The rule's name, such as <c>resources_changed</c>.</param>
/// <param name="Passed">True when the staged tree meets the rule.</param>
/// <param name="Detail">The rule with its numbers, in words.</param>
public sealed record RuleFinding(string Rule, bool Passed, string Detail);
