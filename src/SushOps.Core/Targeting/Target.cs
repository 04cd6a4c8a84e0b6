using SushOps.Inventories;

namespace SushOps.Targeting;

/// <summary>One chef on one host: the unit every verb works on.</summary>
public sealed record Target(Chef Chef, HostTarget Host);
