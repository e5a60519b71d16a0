using System.Collections.Immutable;

namespace ClinicalTrials.Core.Synthetic;

/// <summary>Simulated time-to-event outcomes: a constant baseline hazard, multiplied per arm.</summary>
public sealed record EventModel
{
    /// <summary>Hazard of the first endpoint event per day in the reference arm.</summary>
    public required double BaselineHazardPerDay { get; init; }

    /// <summary>Hazard ratio by arm id (the reference arm's is 1).</summary>
    public required ImmutableDictionary<string, double> HazardRatios { get; init; }

    /// <summary>Fraction of events that are deaths (the rest are the coded clinical events).</summary>
    public double DeathFraction { get; init; }
}
