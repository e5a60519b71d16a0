using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>When a participant without an event is censored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CensoringRule>))]
public enum CensoringRule
{
    /// <summary>At the last day the participant was known to be event-free (last contact or device reading).</summary>
    [JsonStringEnumMemberName("last_contact")] LastContact,
}
