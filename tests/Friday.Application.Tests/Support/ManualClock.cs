namespace Friday.Application.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    public ManualClock(DateTimeOffset start)
    {
        Now = start;
    }

    public ManualClock()
        : this(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;

    public DateTimeOffset Advance(TimeSpan by) => Now += by;
}
