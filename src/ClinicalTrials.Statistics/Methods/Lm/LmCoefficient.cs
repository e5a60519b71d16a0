using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>One coefficient row (NA when the term is aliased, as R).</summary>
public sealed record LmCoefficient(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("estimate")] double Estimate,
    [property: JsonPropertyName("std_error")] double StdError,
    [property: JsonPropertyName("statistic")] double Statistic,
    [property: JsonPropertyName("p_value")] double PValue);
