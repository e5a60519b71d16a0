using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>A participant attribute recorded at enrollment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DemographicField>))]
public enum DemographicField
{
    /// <summary>Age in years at randomization (numeric).</summary>
    [JsonStringEnumMemberName("age")] Age,

    /// <summary>Sex, levels <c>F</c> and <c>M</c>.</summary>
    [JsonStringEnumMemberName("sex")] Sex,
}
