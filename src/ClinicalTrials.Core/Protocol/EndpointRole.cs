using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>An endpoint's place in the trial's hypotheses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointRole>))]
public enum EndpointRole
{
    /// <summary>The primary endpoint; a protocol has exactly one.</summary>
    [JsonStringEnumMemberName("primary")] Primary,

    /// <summary>A secondary endpoint.</summary>
    [JsonStringEnumMemberName("secondary")] Secondary,

    /// <summary>An exploratory endpoint.</summary>
    [JsonStringEnumMemberName("exploratory")] Exploratory,
}
