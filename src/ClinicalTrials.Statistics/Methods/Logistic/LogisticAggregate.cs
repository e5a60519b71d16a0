namespace ClinicalTrials.Statistics.Methods.Logistic;

/// <summary>
/// What a site releases for one Newton round of a logistic regression, all at the requested β:
/// its size does not depend on the number of rows, and no row-level value is in it.
/// </summary>
/// <param name="N">Complete rows used.</param>
/// <param name="Events">Rows with outcome 1 (Σy; with <paramref name="N"/> it gives the null deviance).</param>
/// <param name="Deviance">−2 log-likelihood at β.</param>
/// <param name="Score">X'(y − μ), one value per column.</param>
/// <param name="Information">X'WX with W = μ(1 − μ), upper triangle row by row.</param>
/// <param name="FittedBoundary">How many rows have a fitted probability numerically 0 or 1 (R's glm warning).</param>
public sealed record LogisticAggregate(
    int N,
    double Events,
    double Deviance,
    double[] Score,
    double[] Information,
    int FittedBoundary);
