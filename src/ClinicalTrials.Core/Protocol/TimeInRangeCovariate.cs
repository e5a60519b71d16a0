using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>Baseline percentage of readings within a range (e.g. blinded-CGM time in range before randomization).</summary>
public sealed record TimeInRangeCovariate : BaselineCovariate
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "time_in_range";

    /// <summary>LOINC code of the readings.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the range limits.</summary>
    public required string Unit { get; init; }

    /// <summary>The window; ends on or before day 0.</summary>
    public required DayWindow Window { get; init; }

    /// <summary>The target range, inclusive.</summary>
    public required ValueRange Range { get; init; }

    /// <summary>Fewest readings, as a fraction of the expected count, for the value not to be missing.</summary>
    public double MinCoverage { get; init; } = 0.7;

    /// <inheritdoc />
    public override DerivedVariable DerivedVariable(string definedAt) => new(Id, VariableKind.Numeric, [], definedAt);
}
