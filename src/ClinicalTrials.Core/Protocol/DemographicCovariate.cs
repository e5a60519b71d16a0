using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>A participant attribute recorded at enrollment, used as a covariate.</summary>
public sealed record DemographicCovariate : BaselineCovariate
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "demographic";

    /// <summary>Which attribute.</summary>
    public required DemographicField Field { get; init; }

    /// <inheritdoc />
    public override DerivedVariable DerivedVariable(string definedAt) => Field switch
    {
        DemographicField.Sex => new(Id, VariableKind.Categorical, ["F", "M"], definedAt),
        _ => new(Id, VariableKind.Numeric, [], definedAt),
    };
}
