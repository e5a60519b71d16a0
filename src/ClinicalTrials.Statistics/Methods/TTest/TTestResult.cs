namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>The result of <c>ttest</c>, as R's <c>t.test</c>.</summary>
/// <param name="Estimate">mean(a) − mean(b).</param>
/// <param name="Statistic">t.</param>
/// <param name="Df">Degrees of freedom (Welch–Satterthwaite, or n_a + n_b − 2).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="ConfLow">Lower 95% confidence limit of the difference.</param>
/// <param name="ConfHigh">Upper 95% confidence limit of the difference.</param>
/// <param name="N">[n_a, n_b].</param>
public sealed record TTestResult(
    double Estimate,
    double Statistic,
    double Df,
    double PValue,
    double ConfLow,
    double ConfHigh,
    IReadOnlyList<int> N);
