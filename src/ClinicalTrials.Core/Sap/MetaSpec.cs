using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Meta-analysis (fixed effect or DerSimonian–Laird) of one term's per-site estimates.</summary>
public sealed record MetaSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "meta";

    /// <summary>What each site fits: a <see cref="CoxSpec"/>, <see cref="LogisticSpec"/> or <see cref="Or2x2Spec"/>.</summary>
    public required AnalysisSpec PerSite { get; init; }

    /// <summary>The coefficient pooled (e.g. <c>rxLev+5FU</c>, or <c>logOR</c> for or2x2).</summary>
    public required string Term { get; init; }

    /// <summary><c>FE</c> or <c>DL</c> (required: R's default, REML, is not a closed-form combine).</summary>
    public required string Method { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => PerSite.Variables();
}
