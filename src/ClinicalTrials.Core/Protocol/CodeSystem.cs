using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>Terminology of an event code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeSystem>))]
public enum CodeSystem
{
    /// <summary>ICD-10; a category (<c>I50</c>) matches every code under it.</summary>
    [JsonStringEnumMemberName("icd10")] Icd10,

    /// <summary>SNOMED CT concept ids.</summary>
    [JsonStringEnumMemberName("snomed")] Snomed,

    /// <summary>LOINC codes.</summary>
    [JsonStringEnumMemberName("loinc")] Loinc,
}
