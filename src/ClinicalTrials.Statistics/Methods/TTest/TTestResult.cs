using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>Result of <c>ttest</c> (R's <c>t.test</c>): estimate is mean(a) − mean(b).</summary>
public sealed record TTestResult(
    [property: JsonPropertyName("estimate")] double Estimate,
    [property: JsonPropertyName("statistic")] double Statistic,
    [property: JsonPropertyName("df")] double Df,
    [property: JsonPropertyName("p_value")] double PValue,
    [property: JsonPropertyName("conf_low")] double ConfLow,
    [property: JsonPropertyName("conf_high")] double ConfHigh,
    [property: JsonPropertyName("n")] IReadOnlyList<long> N);
