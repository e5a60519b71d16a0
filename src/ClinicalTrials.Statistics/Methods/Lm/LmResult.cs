using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>Result of <c>lm</c> (R's <c>summary.lm</c>).</summary>
public sealed record LmResult(
    [property: JsonPropertyName("coefficients")] IReadOnlyList<LmCoefficient> Coefficients,
    [property: JsonPropertyName("sigma")] double Sigma,
    [property: JsonPropertyName("df_residual")] double DfResidual,
    [property: JsonPropertyName("r_squared")] double RSquared,
    [property: JsonPropertyName("n")] long N);
