namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>The result of <c>lm</c>, as R's <c>summary(lm(...))</c>.</summary>
/// <param name="Coefficients">One row per design column, in R's order.</param>
/// <param name="Sigma">Residual standard error.</param>
/// <param name="DfResidual">n in the fit − rank.</param>
/// <param name="RSquared">Multiple R².</param>
/// <param name="N">Complete cases on the outcome and the terms.</param>
public sealed record LmResult(IReadOnlyList<LmCoefficient> Coefficients, double Sigma, int DfResidual, double RSquared, int N);
