using System.Text.Json.Serialization;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>Where a batch is in its life: open (accepting events), sealed (root fixed, waiting for the ledger), anchored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchState>))]
public enum BatchState
{
    /// <summary>Accepting events; its root is not fixed yet.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Closed by size, age or restart; root fixed and its files flushed to disk; not anchored yet.</summary>
    [JsonStringEnumMemberName("sealed")]
    Sealed,

    /// <summary>Its root is on the ledger; the manifest holds the receipt.</summary>
    [JsonStringEnumMemberName("anchored")]
    Anchored,
}
