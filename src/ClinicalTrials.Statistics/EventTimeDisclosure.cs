using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics;

/// <summary>How a site releases event times (needed for unstratified Cox, log-rank and Kaplan–Meier).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventTimeDisclosure>))]
public enum EventTimeDisclosure
{
    /// <summary>Exact times may be released.</summary>
    [JsonStringEnumMemberName("exact")] Exact,

    /// <summary>Times are coarsened up to the end of their bin before release; results are exact to the bin resolution.</summary>
    [JsonStringEnumMemberName("binned")] Binned,

    /// <summary>No analysis that needs event times is answered.</summary>
    [JsonStringEnumMemberName("never")] Never,
}
