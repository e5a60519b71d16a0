using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Lan–DeMets alpha-spending family.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpendingFunctionType>))]
public enum SpendingFunctionType
{
    /// <summary>O'Brien–Fleming-like: spends almost nothing early.</summary>
    [JsonStringEnumMemberName("obrien_fleming")] OBrienFleming,

    /// <summary>Pocock-like: spends evenly.</summary>
    [JsonStringEnumMemberName("pocock")] Pocock,

    /// <summary>Hwang–Shih–DeCani with parameter gamma.</summary>
    [JsonStringEnumMemberName("hsd")] HwangShihDeCani,
}
