using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>An inverse-variance meta-analysis as metafor's <c>rma</c> reports it.</summary>
public sealed record MetaResult
{
    /// <summary>The sites' estimates.</summary>
    public required IReadOnlyList<MetaSiteRow> PerSite { get; init; }

    /// <summary>Pooled estimate.</summary>
    public required double Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    public required double StdError { get; init; }

    /// <summary>Lower end of the 95% Wald interval.</summary>
    public required double ConfLow { get; init; }

    /// <summary>Upper end of the 95% Wald interval.</summary>
    public required double ConfHigh { get; init; }

    /// <summary>Wald z statistic.</summary>
    public required double Z { get; init; }

    /// <summary>Two-sided normal p-value.</summary>
    public required double PValue { get; init; }

    /// <summary>Between-site variance τ² (0 for fixed effect; DerSimonian–Laird truncated at 0).</summary>
    public required double Tau2 { get; init; }

    /// <summary>I² in percent.</summary>
    [JsonPropertyName("I2")]
    public required double I2 { get; init; }

    /// <summary>Cochran's Q.</summary>
    [JsonPropertyName("Q")]
    public required double Q { get; init; }

    /// <summary>Degrees of freedom of Q (sites − 1).</summary>
    [JsonPropertyName("Q_df")]
    public required int QDf { get; init; }

    /// <summary>Upper chi-square tail probability of Q.</summary>
    [JsonPropertyName("Q_p")]
    public required double QP { get; init; }
}
