namespace ClinicalTrials.Statistics.Methods.Logistic;

/// <summary>The result of a federated logistic regression, keyed as the reference README.</summary>
/// <param name="Coefficients">One row per design column, in R's order.</param>
/// <param name="Deviance">Residual deviance.</param>
/// <param name="NullDeviance">Deviance of the intercept-only model.</param>
/// <param name="DfResidual">n − rank.</param>
/// <param name="Aic">Deviance + 2·rank (0/1 data).</param>
/// <param name="N">Rows used.</param>
public sealed record LogisticResult(
    IReadOnlyList<LogisticCoefficient> Coefficients,
    double Deviance,
    double NullDeviance,
    int DfResidual,
    double Aic,
    int N);
