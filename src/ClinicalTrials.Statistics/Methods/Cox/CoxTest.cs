namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>A chi-square test of a Cox model against β = 0.</summary>
/// <param name="Statistic">Chi-square statistic.</param>
/// <param name="Df">Degrees of freedom: the number of coefficients, aliased ones included (as R's <c>length(coef)</c>).</param>
/// <param name="PValue">Upper tail probability.</param>
public sealed record CoxTest(double Statistic, int Df, double PValue);
