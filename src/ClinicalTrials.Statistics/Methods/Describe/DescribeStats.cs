namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>One line of a <c>describe</c> result.</summary>
/// <param name="N">Non-missing values.</param>
/// <param name="Mean">Mean (NA when <paramref name="N"/> is 0).</param>
/// <param name="Sd">Standard deviation, n − 1 denominator (NA when <paramref name="N"/> &lt; 2).</param>
/// <param name="Missing">Missing values.</param>
public sealed record DescribeStats(int N, double Mean, double Sd, int Missing)
{
    /// <summary>The line for a merged group.</summary>
    public static DescribeStats From(DescribeGroup g) =>
        new(g.N, g.N > 0 ? g.Mean : double.NaN, Math.Sqrt(g.Moments.Variance), g.Missing);
}
