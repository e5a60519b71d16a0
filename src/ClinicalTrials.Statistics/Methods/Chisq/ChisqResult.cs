using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>Result of <c>chisq</c> (R's <c>chisq.test</c>) with the pooled table.</summary>
public sealed record ChisqResult(
    [property: JsonPropertyName("statistic")] double Statistic,
    [property: JsonPropertyName("df")] double Df,
    [property: JsonPropertyName("p_value")] double PValue,
    [property: JsonPropertyName("observed")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Observed);
