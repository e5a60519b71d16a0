using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>What the coordinator does when a site does not answer an analysis request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MissingSitePolicy>))]
public enum MissingSitePolicy
{
    /// <summary>The analysis fails; no partial result is published.</summary>
    [JsonStringEnumMemberName("fail")] Fail,

    /// <summary>Proceed without the missing sites, recorded in the evidence bundle, if enough remain.</summary>
    [JsonStringEnumMemberName("proceed_with_exclusion")] ProceedWithExclusion,
}
