using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>The result of a federated Cox model, keyed as the reference README.</summary>
public sealed record CoxResult
{
    /// <summary>One row per design column, in R's order.</summary>
    public required IReadOnlyList<CoxCoefficient> Coefficients { get; init; }

    /// <summary>Log partial likelihood at β = 0.</summary>
    public required double LoglikInitial { get; init; }

    /// <summary>Log partial likelihood at the estimate.</summary>
    public required double LoglikFinal { get; init; }

    /// <summary>Score test at β = 0, U'I⁻¹U.</summary>
    public required CoxTest ScoreTest { get; init; }

    /// <summary>Likelihood-ratio test, 2(final − initial).</summary>
    public required CoxTest LrTest { get; init; }

    /// <summary>Rows used.</summary>
    public required int N { get; init; }

    /// <summary>Events among them.</summary>
    [JsonPropertyName("n_events")]
    public required int NEvents { get; init; }

    /// <summary>Present when some site binned its times: the result is exact for the binned times.</summary>
    [JsonPropertyName("_resolution")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resolution { get; init; }
}
