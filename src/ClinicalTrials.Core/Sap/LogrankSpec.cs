using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Log-rank test (R's <c>survdiff</c>), optionally stratified by site.</summary>
public sealed record LogrankSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "logrank";

    /// <summary>Follow-up time column.</summary>
    public required string Time { get; init; }

    /// <summary>Event indicator.</summary>
    public required OutcomeSpec Event { get; init; }

    /// <summary>Grouping column.</summary>
    public required string Group { get; init; }

    /// <summary>Group levels (default: sorted observed levels).</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary><c>site</c> to stratify by site.</summary>
    public string? Strata { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Time, Event.Name, Group];
}
