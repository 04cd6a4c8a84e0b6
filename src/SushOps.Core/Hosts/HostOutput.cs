namespace SushOps.Hosts;

/// <summary>One whole line a host printed.</summary>
/// <param name="Line">The text, without its line end.</param>
/// <param name="IsError">True when it came on standard error.</param>
public readonly record struct HostOutput(string Line, bool IsError);
