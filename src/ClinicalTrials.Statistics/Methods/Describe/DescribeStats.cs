using ClinicalTrials.Statistics.Methods.Common;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>n, mean, SD and missing count (R: <c>mean</c>, <c>sd</c>, <c>sum(is.na)</c>).</summary>
public sealed record DescribeStats(
    [property: JsonPropertyName("n")] long N,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("sd")] double Sd,
    [property: JsonPropertyName("missing")] long Missing)
{
    /// <summary>From merged moments.</summary>
    public static DescribeStats From(Moments m, long missing) =>
        new(m.N, m.N == 0 ? double.NaN : m.Mean, Math.Sqrt(m.Variance), missing);
}
