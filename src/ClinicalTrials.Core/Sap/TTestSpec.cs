using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Two-sample t-test of <see cref="Variable"/> between <c>levels[0]</c> and <c>levels[1]</c> of <see cref="Group"/>.</summary>
public sealed record TTestSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "ttest";

    /// <summary>The numeric variable compared.</summary>
    public required string Variable { get; init; }

    /// <summary>The grouping column.</summary>
    public required string Group { get; init; }

    /// <summary>The two levels compared; the estimate is mean(a) − mean(b).</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>
    /// Welch's unequal-variance test when true; Student's pooled-variance test when false or
    /// absent (the reference kit calls <c>t.test(var.equal = !isTRUE(welch))</c>).
    /// </summary>
    public bool Welch { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Variable, Group];
}
