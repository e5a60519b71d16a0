namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>
/// R's <c>aeqSurv</c> (survival's default <c>timefix = TRUE</c>): distinct times closer than
/// √ε, absolutely or relative to the mean |time|, are one time, the smallest of the run.
/// </summary>
internal static class TimeFix
{
    // R's sqrt(.Machine$double.eps); .NET's double.Epsilon is the smallest subnormal, not this.
    private static readonly double Tolerance = Math.Sqrt(2.220446049250313e-16);

    /// <summary>Maps each of the ascending distinct <paramref name="times"/> to the time it is tied with.</summary>
    public static double[] Representatives(IReadOnlyList<double> times)
    {
        var result = times.ToArray();
        if (result.Length < 2) return result;
        var meanAbs = times.Average(Math.Abs);
        var cut = result[0];
        for (var i = 1; i < result.Length; i++)
        {
            var dy = times[i] - times[i - 1];
            var tied = dy <= Tolerance || dy / meanAbs <= Tolerance;
            if (!tied) cut = times[i];
            result[i] = cut;
        }
        return result;
    }
}
