namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>The result of <c>cmh</c>, as R's <c>mantelhaen.test(correct = FALSE)</c> plus Breslow–Day.</summary>
/// <param name="Statistic">Mantel–Haenszel X² without continuity correction.</param>
/// <param name="Df">1.</param>
/// <param name="PValue">Upper tail of χ²_1.</param>
/// <param name="CommonOr">Mantel–Haenszel common odds ratio (treated vs control).</param>
/// <param name="ConfLow">Lower 95% limit (Robins–Breslow–Greenland variance of log OR).</param>
/// <param name="ConfHigh">Upper 95% limit.</param>
/// <param name="BreslowDay">Homogeneity test at the common odds ratio.</param>
public sealed record CmhResult(
    double Statistic,
    int Df,
    double PValue,
    double CommonOr,
    double ConfLow,
    double ConfHigh,
    BreslowDayResult BreslowDay);
