using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>How a model term enters the design matrix.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TermType>))]
public enum TermType
{
    /// <summary>One column, the value itself.</summary>
    [JsonStringEnumMemberName("numeric")] Numeric,

    /// <summary>One indicator column per non-reference level.</summary>
    [JsonStringEnumMemberName("factor")] Factor,
}
