namespace SushOps.Tests.Infrastructure.Google;

/// <summary>The system clock moved by <see cref="Offset"/>, to age cached copies without waiting.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
