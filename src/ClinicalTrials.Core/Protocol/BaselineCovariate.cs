using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// A pre-randomization variable that analyses adjust for (e.g. baseline SBP in an ANCOVA).
/// Polymorphic on <c>kind</c>; its <see cref="Id"/> is its derived-dataset column name.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ObservationCovariate), "mean_in_window")]
[JsonDerivedType(typeof(TimeInRangeCovariate), "time_in_range")]
[JsonDerivedType(typeof(DemographicCovariate), "demographic")]
public abstract record BaselineCovariate
{
    /// <summary>Identifier and column name.</summary>
    public required string Id { get; init; }

    /// <summary>Human name.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>kind</c> discriminator.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>The derived-dataset column this covariate defines.</summary>
    public abstract DerivedVariable DerivedVariable(string definedAt);
}
