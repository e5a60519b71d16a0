namespace ClinicalTrials.Core.Protocol;

/// <summary>An inclusive range of measured values, in the unit of the observation it applies to.</summary>
public sealed record ValueRange
{
    /// <summary>Lowest value in range, inclusive.</summary>
    public required double Low { get; init; }

    /// <summary>Highest value in range, inclusive.</summary>
    public required double High { get; init; }
}
