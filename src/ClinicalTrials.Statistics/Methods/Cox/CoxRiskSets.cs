namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// Builds the pooled risk sets from the sites' per-time sums and evaluates the unstratified Cox
/// likelihood on them: every site's sums are moved to the pooled centre and a common log scale
/// (exact algebra, no approximation), times are merged across sites, and the accumulator runs over
/// them from the latest, so the result is that of the pooled rows.
/// </summary>
internal static class CoxRiskSets
{
    /// <summary>Log-likelihood, score and packed information at <paramref name="beta"/>.</summary>
    public static (double LogLik, double[] Score, double[] Information) Evaluate(
        IReadOnlyList<(int Site, CoxTimeSums Sums, int N)> sites, double[] beta, bool efron)
    {
        var p = beta.Length;
        var q = p * (p + 1) / 2;
        var width = 1 + p + q;

        // Pooled centre, and for each site the shift to it and its log scale relative to the others.
        var total = sites.Sum(s => (double)s.N);
        var centre = new double[p];
        foreach (var (_, sums, n) in sites)
            for (var j = 0; j < p; j++) centre[j] += n * sums.Centre[j];
        for (var j = 0; j < p; j++) centre[j] = total == 0 ? 0 : centre[j] / total;
        var shift = new double[sites.Count][];
        var logScale = new double[sites.Count];
        var maxScale = double.NegativeInfinity;
        for (var s = 0; s < sites.Count; s++)
        {
            var sums = sites[s].Sums;
            shift[s] = new double[p];
            // r at the site is exp((x − m_s)ᵀβ − c_s); pooled it is exp((x − m)ᵀβ) = r · exp(c_s + (m_s − m)ᵀβ).
            var l = sums.Offset;
            for (var j = 0; j < p; j++)
            {
                shift[s][j] = sums.Centre[j] - centre[j];
                l += shift[s][j] * beta[j];
            }
            logScale[s] = l;
            if (sums.Times.Length > 0) maxScale = Math.Max(maxScale, l);
        }
        if (double.IsNegativeInfinity(maxScale)) maxScale = 0;

        // Merge: every (site, time index), latest time first.
        var count = sites.Sum(s => s.Sums.Times.Length);
        var keys = new double[count];
        var refs = new long[count];
        var at = 0;
        for (var s = 0; s < sites.Count; s++)
            for (var g = 0; g < sites[s].Sums.Times.Length; g++)
            {
                keys[at] = -sites[s].Sums.Times[g];
                refs[at++] = ((long)s << 32) | (uint)g;
            }
        Array.Sort(keys, refs);

        var acc = new CoxAccumulator(p, efron);
        var s1 = new double[p];
        var s2 = new double[q];
        var dx = new double[p];
        var r1 = new double[p];
        var r2 = new double[q];
        for (var k = 0; k < count; k++)
        {
            if (k > 0 && keys[k] != keys[k - 1]) acc.EndTime();
            var s = (int)(refs[k] >> 32);
            var g = (int)(refs[k] & 0xffffffff);
            var sums = sites[s].Sums;
            var f = Math.Exp(logScale[s] - maxScale);
            var block = sums.AtRisk.AsSpan(g * width, width);
            var s0 = Recentre(block, shift[s], f, s1, s2);
            acc.AddAtRiskSums(s0, s1, s2);
            var d = sums.Deaths[g];
            if (d == 0) continue;
            var eta = -d * maxScale;
            for (var j = 0; j < p; j++)
            {
                dx[j] = sums.DeathX[g * p + j] + d * shift[s][j];
                eta += dx[j] * beta[j];
            }
            var r0 = efron ? Recentre(sums.DeathRisk.AsSpan(g * width, width), shift[s], f, r1, r2) : 0;
            acc.AddDeathSums(d, eta, dx, r0, r1, r2);
        }
        if (count > 0) acc.EndTime();
        return (acc.LogLik, acc.Score, acc.Information);
    }

    // Σr, Σr(x + Δ), Σr(x + Δ)(x + Δ)ᵀ from Σr, Σr·x, Σr·x xᵀ, all times f.
    private static double Recentre(ReadOnlySpan<double> block, double[] delta, double f, double[] s1, double[] s2)
    {
        var p = delta.Length;
        var s0 = block[0];
        var b1 = block.Slice(1, p);
        var b2 = block[(1 + p)..];
        var idx = 0;
        for (var j = 0; j < p; j++)
        {
            s1[j] = f * (b1[j] + delta[j] * s0);
            for (var k = j; k < p; k++, idx++)
                s2[idx] = f * (b2[idx] + b1[j] * delta[k] + delta[j] * b1[k] + delta[j] * delta[k] * s0);
        }
        return f * s0;
    }
}
