using System.Collections.Immutable;

namespace ClinicalTrials.Core.Synthetic;

/// <summary>
/// A simulated device stream for one LOINC code: each participant's true level is drawn from
/// <see cref="Baseline"/> plus a site offset, moves by the arm's effect (reached linearly over
/// <see cref="EffectOnsetDays"/>), and each reading adds within-participant noise.
/// </summary>
public sealed record ObservationStream
{
    /// <summary>LOINC code of the readings.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the readings (the protocol's unit for this code).</summary>
    public required string Unit { get; init; }

    /// <summary>Expected readings per day while the device is worn.</summary>
    public required double ReadingsPerDay { get; init; }

    /// <summary>Fraction of days on which the participant uses the device.</summary>
    public double Adherence { get; init; } = 1;

    /// <summary>Distribution of participants' true baseline levels.</summary>
    public required NormalDistribution Baseline { get; init; }

    /// <summary>SD of single readings around the participant's true level.</summary>
    public required double WithinParticipantSd { get; init; }

    /// <summary>SD of site-level offsets of the true level.</summary>
    public double SiteSd { get; init; }

    /// <summary>True change of the level from baseline, by arm id, once fully in effect.</summary>
    public required ImmutableDictionary<string, double> ArmEffects { get; init; }

    /// <summary>Days after randomization until the arm effect is complete.</summary>
    public int EffectOnsetDays { get; init; }

    /// <summary>Readings are clipped to at least this (a device's measuring range).</summary>
    public double? Min { get; init; }

    /// <summary>Readings are clipped to at most this.</summary>
    public double? Max { get; init; }
}
