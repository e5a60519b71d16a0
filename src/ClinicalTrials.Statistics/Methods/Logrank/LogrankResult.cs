using System.Text.Json.Serialization;
using ClinicalTrials.Statistics.Methods.Survival;

namespace ClinicalTrials.Statistics.Methods.Logrank;

/// <summary>The log-rank test as R's <c>survdiff</c> reports it; observed and expected keyed by level, summed over strata.</summary>
public sealed record LogrankResult
{
    /// <summary>The chi-square statistic.</summary>
    public required double Chisq { get; init; }

    /// <summary>Number of levels − 1.</summary>
    public required int Df { get; init; }

    /// <summary>Upper chi-square tail probability.</summary>
    public required double PValue { get; init; }

    /// <summary>Observed events per level.</summary>
    public required IReadOnlyDictionary<string, double> Observed { get; init; }

    /// <summary>Expected events per level.</summary>
    public required IReadOnlyDictionary<string, double> Expected { get; init; }

    /// <summary>Set when some site released binned event times.</summary>
    [JsonPropertyName("_resolution")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeResolution? Resolution { get; init; }
}
