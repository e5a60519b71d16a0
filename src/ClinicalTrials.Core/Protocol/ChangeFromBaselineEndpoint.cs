using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// Follow-up value minus baseline value of one observation, each the <see cref="Statistic"/> of the
/// readings in its window (e.g. mean systolic BP on days 77–84 minus days −7–0).
/// </summary>
public sealed record ChangeFromBaselineEndpoint : Endpoint
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "change_from_baseline";

    /// <summary>LOINC code of the observation.</summary>
    public required string Loinc { get; init; }

    /// <summary>UCUM unit of the value.</summary>
    public required string Unit { get; init; }

    /// <summary>How readings in each window are reduced.</summary>
    public WindowStatistic Statistic { get; init; } = WindowStatistic.Mean;

    /// <summary>Baseline window (ends on or before day 0).</summary>
    public required DayWindow BaselineWindow { get; init; }

    /// <summary>Follow-up window (starts after the baseline window).</summary>
    public required DayWindow FollowUpWindow { get; init; }

    /// <summary>Fewest readings in each window for the value not to be missing.</summary>
    public int MinReadings { get; init; } = 1;

    /// <inheritdoc />
    public override IEnumerable<DerivedVariable> DerivedVariables(string definedAt) =>
        [new DerivedVariable(Id, VariableKind.Numeric, [], definedAt)];
}
