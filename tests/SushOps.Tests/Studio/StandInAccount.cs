namespace SushOps.Tests.Studio;

/// <summary>A Studio account the stand-in knows.</summary>
public sealed record StandInAccount(string Email, string Password, bool Active = true, bool OutOfStorage = false);
