namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// An inclusive range of study days relative to randomization (day 0); negative days are before it.
/// </summary>
public sealed record DayWindow
{
    /// <summary>First day, inclusive.</summary>
    public required int StartDay { get; init; }

    /// <summary>Last day, inclusive.</summary>
    public required int EndDay { get; init; }

    /// <summary>True when <paramref name="day"/> is within the window.</summary>
    public bool Contains(int day) => day >= StartDay && day <= EndDay;

    /// <inheritdoc />
    public override string ToString() => $"days {StartDay}..{EndDay}";
}
