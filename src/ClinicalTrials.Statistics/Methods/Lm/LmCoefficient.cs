namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>One coefficient row of a linear model; all four numbers are NA for an aliased column, as R's <c>lm</c>.</summary>
/// <param name="Term">R's column name, e.g. <c>(Intercept)</c>, <c>rxLev</c>, <c>site2</c>.</param>
/// <param name="Estimate">Least-squares estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="Statistic">t = estimate / standard error.</param>
/// <param name="PValue">Two-sided p-value on the residual df.</param>
public sealed record LmCoefficient(string Term, double Estimate, double StdError, double Statistic, double PValue);
