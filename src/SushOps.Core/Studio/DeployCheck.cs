namespace SushOps.Studio;

/// <summary>What Studio says about a deploy change it accepted: applied, failed with errors, or neither yet.</summary>
/// <param name="Applied">True once the background task applied the change.</param>
/// <param name="Errors">Studio's errors when the change failed (out of storage, no staged tree); else empty.</param>
public sealed record DeployCheck(bool Applied, IReadOnlyList<string> Errors);
