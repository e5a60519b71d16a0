using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Units;

/// <summary>One LOINC code the site knows: its canonical UCUM unit and what it takes to convert into it.</summary>
public sealed record LoincEntry
{
    /// <summary>LOINC code.</summary>
    [JsonPropertyName("loinc")] public required string Loinc { get; init; }

    /// <summary>LOINC display name.</summary>
    [JsonPropertyName("display")] public required string Display { get; init; }

    /// <summary>The unit readings are stored in.</summary>
    [JsonPropertyName("unit")] public required string Unit { get; init; }

    /// <summary>Molar mass (g/mol) of the analyte, for substance concentrations (mmol/L) to mass concentrations (mg/dL).</summary>
    [JsonPropertyName("molar_mass")] public double? MolarMass { get; init; }

    /// <summary>Lowest physically plausible value in <see cref="Unit"/>.</summary>
    [JsonPropertyName("min")] public double? Min { get; init; }

    /// <summary>Highest physically plausible value in <see cref="Unit"/>.</summary>
    [JsonPropertyName("max")] public double? Max { get; init; }

    /// <summary>A panel code: its readings come as components, never as a value of its own.</summary>
    [JsonPropertyName("panel")] public bool Panel { get; init; }

    /// <summary>Analyte-specific conversions UCUM cannot express (e.g. HbA1c IFCC → NGSP).</summary>
    [JsonPropertyName("alternatives")] public ImmutableArray<LinearConversion> Alternatives { get; init; } = [];
}
