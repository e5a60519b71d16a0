namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// An eligibility criterion on measured data: the statistic of the LOINC-coded readings in a
/// screening window must lie within [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed record ObservationCriterion
{
    /// <summary>LOINC code of the observation.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit the thresholds are in.</summary>
    public required string Unit { get; init; }

    /// <summary>Screening window (on or before day 0).</summary>
    public required DayWindow Window { get; init; }

    /// <summary>How readings in the window are reduced.</summary>
    public WindowStatistic Statistic { get; init; } = WindowStatistic.Mean;

    /// <summary>Fewest readings for the criterion to be assessable.</summary>
    public int MinReadings { get; init; } = 1;

    /// <summary>Lowest eligible value, inclusive.</summary>
    public double? Min { get; init; }

    /// <summary>Highest eligible value, inclusive.</summary>
    public double? Max { get; init; }
}
