namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>
/// What a site releases for <c>lm</c>: n, the means and the centred cross-products of the design
/// columns and the outcome. Centred products about the site's own means merge exactly at the
/// coordinator (parallel-axis formula) without the cancellation of raw X'X.
/// </summary>
/// <param name="Rows">Complete cases on the outcome and the terms (the reference kit's <c>n</c> counts these).</param>
/// <param name="N">Rows in the fit: complete cases whose factor values are among the spec's levels.</param>
/// <param name="Means">Means of the p design columns, then of the outcome (empty when <paramref name="N"/> is 0).</param>
/// <param name="CrossProducts">
/// Σ (u_i − ū_i)(u_j − ū_j) over the rows, for the p + 1 variables u = (design columns, outcome),
/// lower triangle packed by rows: element (i, j ≤ i) at i(i + 1)/2 + j (empty when <paramref name="N"/> is 0).
/// </param>
public sealed record LmAggregate(int Rows, int N, IReadOnlyList<double> Means, IReadOnlyList<double> CrossProducts)
{
    /// <summary>Index of element (i, j) in <see cref="CrossProducts"/>.</summary>
    public static int Packed(int i, int j) => i >= j ? i * (i + 1) / 2 + j : j * (j + 1) / 2 + i;
}
