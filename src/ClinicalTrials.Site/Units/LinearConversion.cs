using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Units;

/// <summary><c>value × Scale + Offset</c> turns a reading in <see cref="Unit"/> into the code's canonical unit.</summary>
public sealed record LinearConversion
{
    /// <summary>The source unit.</summary>
    [JsonPropertyName("unit")] public required string Unit { get; init; }

    /// <summary>Multiplier.</summary>
    [JsonPropertyName("scale")] public required double Scale { get; init; }

    /// <summary>Added after scaling.</summary>
    [JsonPropertyName("offset")] public double Offset { get; init; }
}
