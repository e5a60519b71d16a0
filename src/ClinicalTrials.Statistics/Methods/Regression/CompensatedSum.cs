namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// Element-wise Neumaier (compensated) sums of vectors: adding many partial sums loses no more than
/// one rounding, whatever their number, so a site's totals do not drift with its size.
/// </summary>
internal sealed class CompensatedSum(int length)
{
    private readonly double[] _sum = new double[length];
    private readonly double[] _compensation = new double[length];

    /// <summary>Adds <paramref name="values"/> element-wise.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < _sum.Length; i++)
        {
            var s = _sum[i];
            var v = values[i];
            var t = s + v;
            _compensation[i] += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
            _sum[i] = t;
        }
    }

    /// <summary>The sums.</summary>
    public double[] Values => _sum.Select((s, i) => s + _compensation[i]).ToArray();
}
