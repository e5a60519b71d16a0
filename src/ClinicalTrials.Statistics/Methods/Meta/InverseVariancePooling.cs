using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>Fixed-effect and DerSimonian–Laird pooling of (estimate, SE) pairs, as metafor's <c>rma(yi, sei, method)</c>.</summary>
internal static class InverseVariancePooling
{
    /// <summary>Pools <paramref name="sites"/>; <paramref name="randomEffects"/> selects DerSimonian–Laird.</summary>
    public static MetaResult Pool(IReadOnlyList<MetaSiteRow> sites, bool randomEffects)
    {
        var k = sites.Count;
        var y = sites.Select(s => s.Estimate).ToArray();
        var v = sites.Select(s => s.StdError * s.StdError).ToArray();
        var w = v.Select(x => 1 / x).ToArray();
        var sumW = w.Sum();
        var fixedEstimate = w.Zip(y, (wi, yi) => wi * yi).Sum() / sumW;
        var q = w.Zip(y, (wi, yi) => wi * (yi - fixedEstimate) * (yi - fixedEstimate)).Sum();
        var df = k - 1;

        double tau2 = 0, i2 = 0;
        if (df > 0)
        {
            var c = sumW - w.Sum(wi => wi * wi) / sumW;
            if (randomEffects)
            {
                tau2 = Math.Max(0, (q - df) / c);
                // metafor's I² = τ² / (τ² + typical within-site variance).
                var typical = df / c;
                i2 = 100 * tau2 / (typical + tau2);
            }
            else
            {
                i2 = q > 0 ? Math.Max(0, 100 * (q - df) / q) : 0;
            }
        }

        var ws = v.Select(x => 1 / (x + tau2)).ToArray();
        var sumWs = ws.Sum();
        var estimate = ws.Zip(y, (wi, yi) => wi * yi).Sum() / sumWs;
        var se = Math.Sqrt(1 / sumWs);
        var z = estimate / se;
        var crit = Probability.NormalQuantile(0.975);
        return new MetaResult
        {
            PerSite = sites,
            Estimate = estimate,
            StdError = se,
            ConfLow = estimate - crit * se,
            ConfHigh = estimate + crit * se,
            Z = z,
            PValue = Probability.NormalTwoSided(z),
            Tau2 = tau2,
            I2 = i2,
            Q = q,
            QDf = df,
            QP = Probability.ChiSquareUpper(q, df),
        };
    }
}
