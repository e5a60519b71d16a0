using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Logistic regression fitted by Newton–Raphson over federated rounds.</summary>
public sealed record LogisticSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "logistic";

    /// <summary>Binary outcome.</summary>
    public required OutcomeSpec Outcome { get; init; }

    /// <summary>Model terms; an intercept is always included.</summary>
    public required IReadOnlyList<TermSpec> Terms { get; init; }

    /// <summary>Upper bound on Newton rounds; a run never goes past it.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Outcome.Name, .. Terms.Select(t => t.Name)];
}
