using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>Which sexes may enroll.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SexEligibility>))]
public enum SexEligibility
{
    /// <summary>Any sex.</summary>
    [JsonStringEnumMemberName("all")] All,

    /// <summary>Female participants only.</summary>
    [JsonStringEnumMemberName("female")] Female,

    /// <summary>Male participants only.</summary>
    [JsonStringEnumMemberName("male")] Male,
}
