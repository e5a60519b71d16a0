using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// What one ingestion did. Every record read is counted exactly once:
/// <c>Loaded + Quarantined + Duplicates</c> = records read.
/// </summary>
public sealed record IngestSummary
{
    /// <summary>The file.</summary>
    [JsonPropertyName("file")] public required string File { get; init; }

    /// <summary>Its format.</summary>
    [JsonPropertyName("format")] public required string Format { get; init; }

    /// <summary>SHA-256 of the file's bytes.</summary>
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }

    /// <summary>Records stored (readings, events, or participants' details).</summary>
    [JsonPropertyName("loaded")] public long Loaded { get; init; }

    /// <summary>Records refused, each in the quarantine with file, line, field and reason.</summary>
    [JsonPropertyName("quarantined")] public long Quarantined { get; init; }

    /// <summary>Records already stored (the same reading from an earlier file, or repeated in this one).</summary>
    [JsonPropertyName("duplicates")] public long Duplicates { get; init; }

    /// <summary>Participants seen for the first time.</summary>
    [JsonPropertyName("participants_created")] public long ParticipantsCreated { get; init; }

    /// <summary>True when this very file (same bytes) was ingested before: nothing was added.</summary>
    [JsonPropertyName("already_ingested")] public bool AlreadyIngested { get; init; }

    /// <summary>How long it took.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    /// <summary>Records read.</summary>
    [JsonIgnore] public long Records => Loaded + Quarantined + Duplicates;
}
