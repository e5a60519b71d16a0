namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>A clock that starts at a fixed instant and moves one millisecond each time it is read.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public SteppingClock() : this(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            _now = _now.AddMilliseconds(1);
            return _now;
        }
    }
}
