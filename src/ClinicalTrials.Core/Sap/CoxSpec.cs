using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Cox proportional hazards model, stratified by site or on pooled risk sets.</summary>
public sealed record CoxSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "cox";

    /// <summary>Follow-up time column.</summary>
    public required string Time { get; init; }

    /// <summary>Event indicator.</summary>
    public required OutcomeSpec Event { get; init; }

    /// <summary>Model terms (no intercept).</summary>
    public required IReadOnlyList<TermSpec> Terms { get; init; }

    /// <summary><c>site</c>: each site is its own stratum, and no event time leaves a site.</summary>
    public string? Strata { get; init; }

    /// <summary><c>efron</c> (default, as R) or <c>breslow</c>.</summary>
    public string Ties { get; init; } = "efron";

    /// <summary>Upper bound on Newton rounds.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Time, Event.Name, .. Terms.Select(t => t.Name)];
}
