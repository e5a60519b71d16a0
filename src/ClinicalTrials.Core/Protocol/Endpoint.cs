using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// An endpoint, defined on LOINC-coded observations so that every site derives it the same way.
/// Polymorphic on <c>kind</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ChangeFromBaselineEndpoint), "change_from_baseline")]
[JsonDerivedType(typeof(MeanInWindowEndpoint), "mean_in_window")]
[JsonDerivedType(typeof(TimeToEventEndpoint), "time_to_event")]
[JsonDerivedType(typeof(TimeInRangeEndpoint), "time_in_range")]
[JsonDerivedType(typeof(ResponderEndpoint), "responder")]
public abstract record Endpoint
{
    /// <summary>Identifier; also the derived-dataset column name (or its prefix, for time to event).</summary>
    public required string Id { get; init; }

    /// <summary>Human name.</summary>
    public required string Name { get; init; }

    /// <summary>Primary, secondary or exploratory.</summary>
    public required EndpointRole Role { get; init; }

    /// <summary>Longer description.</summary>
    public string? Description { get; init; }

    /// <summary>The <c>kind</c> discriminator.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>The derived-dataset columns this endpoint defines; <paramref name="definedAt"/> is its JSON path.</summary>
    public abstract IEnumerable<DerivedVariable> DerivedVariables(string definedAt);
}
