using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>
/// Count, mean and centred sum of squares (M2) of a set of values. Sites release these instead of
/// raw sums so that the coordinator can merge them without the cancellation of Σx² − n·x̄².
/// </summary>
/// <param name="N">Number of values.</param>
/// <param name="Mean">Their mean (NaN when <paramref name="N"/> is 0).</param>
/// <param name="M2">Σ (x − mean)².</param>
public sealed record Moments(int N, double Mean, double M2)
{
    /// <summary>No values.</summary>
    public static Moments Empty { get; } = new(0, double.NaN, 0);

    /// <summary>Sample variance (n − 1 denominator); NaN when <see cref="N"/> &lt; 2, as R's <c>var</c>.</summary>
    [JsonIgnore]
    public double Variance => N > 1 ? M2 / (N - 1) : double.NaN;

    /// <summary>Two-pass moments of <paramref name="values"/> (the second pass refines the mean, as R's <c>mean</c>).</summary>
    public static Moments Of(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0) return Empty;
        var sum = 0.0;
        foreach (var x in values) sum += x;
        var mean = sum / n;
        var correction = 0.0;
        foreach (var x in values) correction += x - mean;
        mean += correction / n;
        var m2 = 0.0;
        foreach (var x in values) m2 += (x - mean) * (x - mean);
        return new Moments(n, mean, m2);
    }

    /// <summary>The moments of the union of two disjoint sets (Chan, Golub and LeVeque's parallel formula).</summary>
    public Moments Merge(Moments other)
    {
        if (other.N == 0) return this;
        if (N == 0) return other;
        var n = (double)N + other.N;
        var delta = other.Mean - Mean;
        var mean = Mean + delta * (other.N / n);
        var m2 = M2 + other.M2 + delta * delta * ((double)N * other.N / n);
        return new Moments(N + other.N, mean, m2);
    }
}
