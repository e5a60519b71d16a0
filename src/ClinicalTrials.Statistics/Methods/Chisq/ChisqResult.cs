namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>The result of <c>chisq</c>, as R's <c>chisq.test</c> on the pooled table.</summary>
/// <param name="Statistic">Pearson's X² (with Yates' correction when asked and the table is 2×2).</param>
/// <param name="Df">(rows − 1)(columns − 1).</param>
/// <param name="PValue">Upper tail of χ²_df.</param>
/// <param name="Observed">The pooled table, row level → column level → count, in level order.</param>
public sealed record ChisqResult(
    double Statistic,
    int Df,
    double PValue,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Observed);
