using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>n, mean, SD and missing count of a variable, overall and optionally by group.</summary>
public sealed record DescribeSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "describe";

    /// <summary>The numeric variable described.</summary>
    public required string Variable { get; init; }

    /// <summary>Optional grouping column.</summary>
    public string? By { get; init; }

    /// <summary>Group levels to report (default: the sorted observed levels).</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => By is null ? [Variable] : [Variable, By];
}
