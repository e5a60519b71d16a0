using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>Breslow–Day test of homogeneity of the odds ratios across strata.</summary>
public sealed record BreslowDayResult(
    [property: JsonPropertyName("statistic")] double Statistic,
    [property: JsonPropertyName("df")] double Df,
    [property: JsonPropertyName("p_value")] double PValue);
