using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// 1 when another endpoint's value meets a threshold (e.g. SBP change ≤ −10 mm[Hg]), 0 when not,
/// missing when that value is missing.
/// </summary>
public sealed record ResponderEndpoint : Endpoint
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "responder";

    /// <summary>Id of the numeric endpoint the threshold applies to.</summary>
    public required string Source { get; init; }

    /// <summary>Comparison of the source value with <see cref="Threshold"/>.</summary>
    public required ComparisonOperator Operator { get; init; }

    /// <summary>Threshold, in the source endpoint's unit.</summary>
    public required double Threshold { get; init; }

    /// <summary>True when <paramref name="value"/> makes a responder.</summary>
    public bool IsResponse(double value) => Operator switch
    {
        ComparisonOperator.LessThan => value < Threshold,
        ComparisonOperator.LessThanOrEqual => value <= Threshold,
        ComparisonOperator.GreaterThan => value > Threshold,
        _ => value >= Threshold,
    };

    /// <inheritdoc />
    public override IEnumerable<DerivedVariable> DerivedVariables(string definedAt) =>
        [new DerivedVariable(Id, VariableKind.Binary, DerivedVariable.BinaryLevels, definedAt)];
}
