using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// Percentage (0–100) of a continuous monitor's readings in a window that lie within
/// <see cref="Range"/> (e.g. CGM glucose 70–180 mg/dL).
/// </summary>
public sealed record TimeInRangeEndpoint : Endpoint
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "time_in_range";

    /// <summary>LOINC code of the readings (interstitial glucose: 99504-3).</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the range limits.</summary>
    public required string Unit { get; init; }

    /// <summary>The window.</summary>
    public required DayWindow Window { get; init; }

    /// <summary>The target range, inclusive.</summary>
    public required ValueRange Range { get; init; }

    /// <summary>Fewest readings, as a fraction of the device's expected count, for the value not to be missing.</summary>
    public double MinCoverage { get; init; } = 0.7;

    /// <inheritdoc />
    public override IEnumerable<DerivedVariable> DerivedVariables(string definedAt) =>
        [new DerivedVariable(Id, VariableKind.Numeric, [], definedAt)];
}
