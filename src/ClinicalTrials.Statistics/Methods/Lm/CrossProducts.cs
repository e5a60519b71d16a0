namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>Pooled n, means and centred cross-products of m variables, merged site by site.</summary>
internal sealed class CrossProducts
{
    public CrossProducts(int m)
    {
        Means = new double[m];
        Centred = new double[m, m];
    }

    public long N { get; private set; }

    public double[] Means { get; }

    /// <summary>Σ (u_i − ū_i)(u_j − ū_j) about the pooled means.</summary>
    public double[,] Centred { get; }

    /// <summary>
    /// Adds a disjoint block of rows: C = C_a + C_b + (n_a n_b / n) δδ' with δ = ū_b − ū_a
    /// (the multivariate form of Chan et al.'s update), so no raw sums are ever formed.
    /// </summary>
    public void Add(long n, IReadOnlyList<double> means, Func<int, int, double> centred)
    {
        if (n == 0) return;
        var m = Means.Length;
        var total = N + n;
        var delta = new double[m];
        for (var i = 0; i < m; i++) delta[i] = means[i] - Means[i];
        var f = N == 0 ? 0.0 : (double)N * n / total;
        for (var i = 0; i < m; i++)
            for (var j = 0; j <= i; j++)
            {
                var v = Centred[i, j] + centred(i, j) + f * delta[i] * delta[j];
                Centred[i, j] = v;
                Centred[j, i] = v;
            }
        for (var i = 0; i < m; i++) Means[i] = N == 0 ? means[i] : Means[i] + delta[i] * ((double)n / total);
        N = total;
    }
}
