using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>A site's summary of one group (or of all rows): moments of the non-missing values and the missing count.</summary>
/// <param name="N">Non-missing values.</param>
/// <param name="Mean">Their mean (NaN, sent as null, when <paramref name="N"/> is 0).</param>
/// <param name="M2">Their centred sum of squares.</param>
/// <param name="Missing">Rows of the group whose value is missing.</param>
public sealed record DescribeGroup(int N, double Mean, double M2, int Missing)
{
    /// <summary>The moments part.</summary>
    [JsonIgnore]
    public Moments Moments => new(N, Mean, M2);

    /// <summary>A group from its moments and missing count.</summary>
    public static DescribeGroup From(Moments m, int missing) => new(m.N, m.Mean, m.M2, missing);

    /// <summary>The group over two disjoint sets of rows.</summary>
    public DescribeGroup Merge(DescribeGroup other) => From(Moments.Merge(other.Moments), Missing + other.Missing);
}
