using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// Days from randomization to the first of the listed events, censored per <see cref="Censoring"/>.
/// Defines two columns: <c>{id}_time</c> (days) and <c>{id}_event</c> (1 = event, 0 = censored).
/// </summary>
public sealed record TimeToEventEndpoint : Endpoint
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "time_to_event";

    /// <summary>Events that count; the first one ends follow-up.</summary>
    public required ImmutableArray<EventCode> Events { get; init; }

    /// <summary>Censoring of participants without an event.</summary>
    public required Censoring Censoring { get; init; }

    /// <summary>Name of the time column.</summary>
    [JsonIgnore]
    public string TimeVariable => Id + "_time";

    /// <summary>Name of the event-indicator column.</summary>
    [JsonIgnore]
    public string EventVariable => Id + "_event";

    /// <inheritdoc />
    public override IEnumerable<DerivedVariable> DerivedVariables(string definedAt) =>
    [
        new DerivedVariable(TimeVariable, VariableKind.Time, [], definedAt),
        new DerivedVariable(EventVariable, VariableKind.Binary, DerivedVariable.BinaryLevels, definedAt),
    ];
}
