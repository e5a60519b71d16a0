namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>One Cox coefficient. For an aliased term R reports NA everywhere except a standard error of 0; so does this.</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">Log hazard ratio.</param>
/// <param name="StdError">From the inverse information at the estimate.</param>
/// <param name="Statistic">Wald z.</param>
/// <param name="PValue">Two-sided normal p-value.</param>
/// <param name="HazardRatio">exp(estimate).</param>
/// <param name="HrConfLow">Lower 95% limit of the hazard ratio.</param>
/// <param name="HrConfHigh">Upper 95% limit of the hazard ratio.</param>
public sealed record CoxCoefficient(
    string Term,
    double Estimate,
    double StdError,
    double Statistic,
    double PValue,
    double HazardRatio,
    double HrConfLow,
    double HrConfHigh);
