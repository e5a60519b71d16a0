using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Linear model (ANCOVA when a term is a baseline), optionally with site as a fixed-effect factor.</summary>
public sealed record LmSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "lm";

    /// <summary>Numeric outcome column.</summary>
    public required string Outcome { get; init; }

    /// <summary>Model terms, in order.</summary>
    public required IReadOnlyList<TermSpec> Terms { get; init; }

    /// <summary><c>site</c> to add site as a factor (site 1, or the lowest site, is the reference).</summary>
    public string? StrataAsFactor { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Outcome, .. Terms.Select(t => t.Name)];
}
