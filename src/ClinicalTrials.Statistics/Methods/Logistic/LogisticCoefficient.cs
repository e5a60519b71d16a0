namespace ClinicalTrials.Statistics.Methods.Logistic;

/// <summary>One coefficient of a logistic regression; NaN (written as null) for an aliased term, as R's NA.</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">Log odds ratio.</param>
/// <param name="StdError">From the Fisher information at the estimate.</param>
/// <param name="Statistic">Wald z.</param>
/// <param name="PValue">Two-sided normal p-value.</param>
public sealed record LogisticCoefficient(string Term, double Estimate, double StdError, double Statistic, double PValue);
