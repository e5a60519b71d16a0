using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>The result of <c>describe</c>.</summary>
/// <param name="Overall">All rows pooled.</param>
/// <param name="By">By level of the <c>by</c> column (omitted when the spec has none).</param>
public sealed record DescribeResult(
    DescribeStats Overall,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, DescribeStats>? By);
