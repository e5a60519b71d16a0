using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>Least squares with an intercept from pooled centred cross-products, with R's aliasing rule.</summary>
internal static class LeastSquares
{
    /// <summary>R's <c>lm</c> tolerance for <c>qr</c> (LINPACK dqrdc2).</summary>
    public const double Tolerance = 1e-7;

    /// <summary>
    /// Fits y on the columns <paramref name="columns"/> of <paramref name="cp"/> (column 0 of the list
    /// is the intercept; the outcome is the last variable of <paramref name="cp"/>).
    /// <para>
    /// Columns are taken in order, as dqrdc2's limited pivoting does: a column whose residual norm
    /// after projection on the intercept and the columns kept so far falls below
    /// <see cref="Tolerance"/> × its original (uncentred) norm is aliased, and gets NA. Projection on
    /// the intercept is centring, so the residual sums of squares are the pivots of a Cholesky
    /// factorization of the centred cross-products, taken column by column.
    /// </para>
    /// </summary>
    public static LmResult Fit(CrossProducts cp, IReadOnlyList<int> columns, IReadOnlyList<string> names, int rows)
    {
        var s = cp.Centred;
        var y = cp.Means.Length - 1;
        var n = cp.N;
        var kept = new List<int>();
        var l = new double[columns.Count, columns.Count];
        var aliased = new bool[columns.Count];
        for (var c = 1; c < columns.Count; c++)
        {
            var j = columns[c];
            var k = kept.Count;
            var sum = s[j, j];
            for (var i = 0; i < k; i++)
            {
                var v = s[j, kept[i]];
                for (var t = 0; t < i; t++) v -= l[k, t] * l[i, t];
                l[k, i] = v / l[i, i];
                sum -= l[k, i] * l[k, i];
            }
            var norm2 = s[j, j] + n * cp.Means[j] * cp.Means[j];
            if (norm2 == 0) norm2 = 1;
            if (!(sum > Tolerance * Tolerance * norm2))
            {
                aliased[c] = true;
                for (var i = 0; i < k; i++) l[k, i] = 0;
                continue;
            }
            l[k, k] = Math.Sqrt(sum);
            kept.Add(j);
        }

        var q = kept.Count;
        var z = new double[q];
        var mss = 0.0;
        for (var i = 0; i < q; i++)
        {
            var v = s[kept[i], y];
            for (var t = 0; t < i; t++) v -= l[i, t] * z[t];
            z[i] = v / l[i, i];
            mss += z[i] * z[i];
        }
        var beta = new double[q];
        for (var i = q - 1; i >= 0; i--)
        {
            var v = z[i];
            for (var t = i + 1; t < q; t++) v -= l[t, i] * beta[t];
            beta[i] = v / l[i, i];
        }
        var rss = Math.Max(0, s[y, y] - mss);

        // L⁻¹ gives (S⁻¹)_ii = Σ_r (L⁻¹)_ri² and the intercept's m'S⁻¹m = ‖L⁻¹m‖².
        var inv = new double[q, q];
        for (var c = 0; c < q; c++)
        {
            inv[c, c] = 1 / l[c, c];
            for (var i = c + 1; i < q; i++)
            {
                var v = 0.0;
                for (var t = c; t < i; t++) v -= l[i, t] * inv[t, c];
                inv[i, c] = v / l[i, i];
            }
        }
        var rank = q + 1;
        var df = n - rank;
        var sigma2 = rss / df;

        var rowsOut = new LmCoefficient[columns.Count];
        var intercept = cp.Means[y];
        var w2 = 0.0;
        for (var i = 0; i < q; i++)
        {
            intercept -= cp.Means[kept[i]] * beta[i];
            var w = 0.0;
            for (var t = 0; t <= i; t++) w += inv[i, t] * cp.Means[kept[t]];
            w2 += w * w;
        }
        rowsOut[0] = Row(names[0], intercept, Math.Sqrt(sigma2 * (1.0 / n + w2)), df);
        var next = 0;
        for (var c = 1; c < columns.Count; c++)
        {
            if (aliased[c]) { rowsOut[c] = new LmCoefficient(names[c], double.NaN, double.NaN, double.NaN, double.NaN); continue; }
            var d = 0.0;
            for (var r = next; r < q; r++) d += inv[r, next] * inv[r, next];
            rowsOut[c] = Row(names[c], beta[next], Math.Sqrt(sigma2 * d), df);
            next++;
        }
        return new LmResult(rowsOut, Math.Sqrt(sigma2), (int)df, mss / (mss + rss), rows);
    }

    private static LmCoefficient Row(string term, double estimate, double se, double df)
    {
        // No residual df: R reports the estimates but no standard errors.
        if (df <= 0) return new LmCoefficient(term, estimate, double.NaN, double.NaN, double.NaN);
        var t = estimate / se;
        return new LmCoefficient(term, estimate, se, t, Probability.StudentTTwoSided(t, df));
    }
}
