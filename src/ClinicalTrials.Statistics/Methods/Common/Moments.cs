namespace ClinicalTrials.Statistics.Methods.Common;

/// <summary>
/// Count, mean and centred sum of squares of a sample, merged exactly across sites with Chan et
/// al.'s pairwise formula (no Σx² − n·x̄² cancellation).
/// </summary>
public sealed record Moments
{
    /// <summary>The empty sample.</summary>
    public static Moments Empty { get; } = new();

    /// <summary>Number of values.</summary>
    public long N { get; init; }

    /// <summary>Mean (0 when empty).</summary>
    public double Mean { get; init; }

    /// <summary>Σ (x − mean)².</summary>
    public double M2 { get; init; }

    /// <summary>Sample variance (NaN below 2 values, R's NA).</summary>
    public double Variance => N > 1 ? M2 / (N - 1) : double.NaN;

    /// <summary>Moments of <paramref name="values"/> (two-pass: mean, then centred squares).</summary>
    public static Moments Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return Empty;
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Count;
        var correction = 0.0;
        foreach (var v in values) correction += v - mean;
        mean += correction / values.Count;
        var m2 = 0.0;
        foreach (var v in values) m2 += (v - mean) * (v - mean);
        return new Moments { N = values.Count, Mean = mean, M2 = m2 };
    }

    /// <summary>The moments of the union of two samples.</summary>
    public Moments Merge(Moments other)
    {
        if (other.N == 0) return this;
        if (N == 0) return other;
        var n = N + other.N;
        var delta = other.Mean - Mean;
        return new Moments
        {
            N = n,
            Mean = Mean + delta * other.N / n,
            M2 = M2 + other.M2 + delta * delta * N * other.N / n,
        };
    }

    /// <summary>Merges any number of samples.</summary>
    public static Moments Merge(IEnumerable<Moments> parts) => parts.Aggregate(Empty, (a, b) => a.Merge(b));
}
