namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>
/// Means and centred cross-products of k variables, merged across sites with the parallel-axis
/// form of Chan et al.: C = C_a + C_b + δδ' n_a n_b / n, δ = mean_b − mean_a.
/// </summary>
internal sealed class CentredCrossProducts(int k)
{
    public int K { get; } = k;
    public long N { get; private set; }
    public double[] Means { get; } = new double[k];
    public double[] Cross { get; } = new double[k * k];

    public void Merge(long n, IReadOnlyList<double> means, IReadOnlyList<double> cross)
    {
        if (means.Count != K || cross.Count != K * K)
            throw new AnalysisException($"lm: a site sent {means.Count} means and {cross.Count} cross-products, expected {K} and {K * K}");
        if (n == 0) return;
        var total = N + n;
        var delta = new double[K];
        for (var i = 0; i < K; i++) delta[i] = means[i] - Means[i];
        var w = (double)N * n / total;
        for (var i = 0; i < K; i++)
            for (var j = 0; j < K; j++)
                Cross[i * K + j] += cross[i * K + j] + delta[i] * delta[j] * w;
        for (var i = 0; i < K; i++) Means[i] += delta[i] * n / total;
        N = total;
    }
}
