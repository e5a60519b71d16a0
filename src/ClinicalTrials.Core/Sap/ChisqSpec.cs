using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Pearson chi-square test of independence of two categorical columns.</summary>
public sealed record ChisqSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "chisq";

    /// <summary>Row variable.</summary>
    public required string Row { get; init; }

    /// <summary>Column variable.</summary>
    public required string Col { get; init; }

    /// <summary>Yates' continuity correction (2×2 tables only, as R).</summary>
    public bool Correct { get; init; }

    /// <summary>Row levels (default: sorted observed levels).</summary>
    public IReadOnlyList<string>? RowLevels { get; init; }

    /// <summary>Column levels (default: sorted observed levels).</summary>
    public IReadOnlyList<string>? ColLevels { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Row, Col];
}
