namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>Breslow–Day test of homogeneity of the odds ratios across strata.</summary>
/// <param name="Statistic">Σ (a − E[a | ψ_MH])² / Var[a | ψ_MH] over the strata used.</param>
/// <param name="Df">Strata used − 1.</param>
/// <param name="PValue">Upper tail of χ²_df.</param>
public sealed record BreslowDayResult(double Statistic, int Df, double PValue);
