using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Protocol;

/// <summary>How participants are allocated to arms.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RandomizationMethod>))]
public enum RandomizationMethod
{
    /// <summary>Stratified permuted blocks of randomly chosen sizes.</summary>
    [JsonStringEnumMemberName("permuted_blocks")] PermutedBlocks,
}
