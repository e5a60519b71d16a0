using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Kaplan–Meier survival, overall or by group, at given times, with median and CI.</summary>
public sealed record KmSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "km";

    /// <summary>Follow-up time column.</summary>
    public required string Time { get; init; }

    /// <summary>Event indicator.</summary>
    public required OutcomeSpec Event { get; init; }

    /// <summary>Optional grouping column; results are keyed by level, or <c>overall</c>.</summary>
    public string? Group { get; init; }

    /// <summary>Times at which survival is reported.</summary>
    public IReadOnlyList<double> Times { get; init; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => Group is null ? [Time, Event.Name] : [Time, Event.Name, Group];
}
