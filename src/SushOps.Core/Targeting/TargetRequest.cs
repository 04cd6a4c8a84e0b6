namespace SushOps.Targeting;

/// <summary>What the operator asked for on the command line.</summary>
/// <param name="Chefs">Chef names given as arguments.</param>
/// <param name="All">True for <c>--all</c>: every chef of the inventory.</param>
/// <param name="Roles">Roles given with <c>-R</c>.</param>
/// <param name="Hosts">Hosts given with <c>-H</c>.</param>
public sealed record TargetRequest(
    IReadOnlyList<string> Chefs,
    bool All = false,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Hosts = null);
