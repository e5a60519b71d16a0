using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>How the readings in a window are reduced to one value per participant.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowStatistic>))]
public enum WindowStatistic
{
    /// <summary>Arithmetic mean of the readings.</summary>
    [JsonStringEnumMemberName("mean")] Mean,

    /// <summary>Median of the readings.</summary>
    [JsonStringEnumMemberName("median")] Median,

    /// <summary>Smallest reading.</summary>
    [JsonStringEnumMemberName("min")] Min,

    /// <summary>Largest reading.</summary>
    [JsonStringEnumMemberName("max")] Max,

    /// <summary>The last reading in the window.</summary>
    [JsonStringEnumMemberName("last")] Last,
}
