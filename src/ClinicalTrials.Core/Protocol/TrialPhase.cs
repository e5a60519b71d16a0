using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>Clinical trial phase.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrialPhase>))]
public enum TrialPhase
{
    /// <summary>Phase 1.</summary>
    [JsonStringEnumMemberName("1")] Phase1,

    /// <summary>Phase 1/2.</summary>
    [JsonStringEnumMemberName("1/2")] Phase1To2,

    /// <summary>Phase 2.</summary>
    [JsonStringEnumMemberName("2")] Phase2,

    /// <summary>Phase 2/3.</summary>
    [JsonStringEnumMemberName("2/3")] Phase2To3,

    /// <summary>Phase 3.</summary>
    [JsonStringEnumMemberName("3")] Phase3,

    /// <summary>Phase 4 (post-marketing).</summary>
    [JsonStringEnumMemberName("4")] Phase4,

    /// <summary>Not a drug trial (device, behavioural): phases do not apply.</summary>
    [JsonStringEnumMemberName("n/a")] NotApplicable,
}
