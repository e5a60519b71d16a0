namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>
/// A site's sufficient statistics for a linear model: row count, means of the design columns and
/// the outcome, and their centred cross-products (row-major, order q+1 with the outcome last).
/// Centring at the site keeps the sums small; the combine merges them exactly.
/// </summary>
public sealed record LmAggregate(long N, IReadOnlyList<double> Means, IReadOnlyList<double> Cross);
