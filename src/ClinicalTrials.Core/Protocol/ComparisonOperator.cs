using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>How a value is compared with a threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonOperator>))]
public enum ComparisonOperator
{
    /// <summary>value &lt; threshold.</summary>
    [JsonStringEnumMemberName("<")] LessThan,

    /// <summary>value ≤ threshold.</summary>
    [JsonStringEnumMemberName("<=")] LessThanOrEqual,

    /// <summary>value &gt; threshold.</summary>
    [JsonStringEnumMemberName(">")] GreaterThan,

    /// <summary>value ≥ threshold.</summary>
    [JsonStringEnumMemberName(">=")] GreaterThanOrEqual,
}
