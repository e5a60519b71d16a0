using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>Result of <c>cmh</c> (R's <c>mantelhaen.test(correct = FALSE)</c>) with Breslow–Day.</summary>
public sealed record CmhResult(
    [property: JsonPropertyName("statistic")] double Statistic,
    [property: JsonPropertyName("df")] double Df,
    [property: JsonPropertyName("p_value")] double PValue,
    [property: JsonPropertyName("common_or")] double CommonOr,
    [property: JsonPropertyName("conf_low")] double ConfLow,
    [property: JsonPropertyName("conf_high")] double ConfHigh,
    [property: JsonPropertyName("breslow_day")] BreslowDayResult BreslowDay);
