using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>The <see cref="Statistic"/> (by default the mean) of one observation's readings in a window.</summary>
public sealed record MeanInWindowEndpoint : Endpoint
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "mean_in_window";

    /// <summary>LOINC code of the observation.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the value.</summary>
    public required string Unit { get; init; }

    /// <summary>How readings in the window are reduced.</summary>
    public WindowStatistic Statistic { get; init; } = WindowStatistic.Mean;

    /// <summary>The window.</summary>
    public required DayWindow Window { get; init; }

    /// <summary>Fewest readings for the value not to be missing.</summary>
    public int MinReadings { get; init; } = 1;

    /// <inheritdoc />
    public override IEnumerable<DerivedVariable> DerivedVariables(string definedAt) =>
        [new DerivedVariable(Id, VariableKind.Numeric, [], definedAt)];
}
