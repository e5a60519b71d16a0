using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>Result of <c>describe</c>: overall, and by group when the spec has <c>by</c>.</summary>
public sealed record DescribeResult(
    [property: JsonPropertyName("overall")] DescribeStats Overall,
    [property: JsonPropertyName("by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, DescribeStats>? By);
