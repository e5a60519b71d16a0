using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>
/// A binary outcome or event indicator: a 0/1 column (JSON string <c>"status"</c>), or a column
/// and the value that counts as the event (JSON <c>{"name": "status", "event": 2}</c>).
/// </summary>
[JsonConverter(typeof(OutcomeSpecJsonConverter))]
public sealed record OutcomeSpec(string Name, string? Event = null)
{
    /// <summary>Implicit conversion from a 0/1 column name.</summary>
    public static implicit operator OutcomeSpec(string name) => new(name);
}
