using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>A site's log odds ratio from its 2×2 table (only as a meta-analysis's per-site spec).</summary>
public sealed record Or2x2Spec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "or2x2";

    /// <summary>Exposure column.</summary>
    public required string Exposure { get; init; }

    /// <summary>Outcome column.</summary>
    public required string Outcome { get; init; }

    /// <summary>[treated, control].</summary>
    public required IReadOnlyList<string> ExposureLevels { get; init; }

    /// <summary>The outcome value that counts as the event.</summary>
    [JsonConverter(typeof(SpecValueJsonConverter))]
    public required string OutcomeEvent { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Exposure, Outcome];
}
