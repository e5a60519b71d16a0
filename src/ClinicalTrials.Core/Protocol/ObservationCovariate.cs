using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>The <see cref="Statistic"/> of an observation's readings in a pre-randomization window.</summary>
public sealed record ObservationCovariate : BaselineCovariate
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "mean_in_window";

    /// <summary>LOINC code of the observation.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the value.</summary>
    public required string Unit { get; init; }

    /// <summary>How readings are reduced.</summary>
    public WindowStatistic Statistic { get; init; } = WindowStatistic.Mean;

    /// <summary>The window; ends on or before day 0.</summary>
    public required DayWindow Window { get; init; }

    /// <summary>Fewest readings for the value not to be missing.</summary>
    public int MinReadings { get; init; } = 1;

    /// <inheritdoc />
    public override DerivedVariable DerivedVariable(string definedAt) => new(Id, VariableKind.Numeric, [], definedAt);
}
