using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>A record refused at ingestion, kept with where it came from and why.</summary>
public sealed record QuarantineEntry
{
    /// <summary>The file.</summary>
    [JsonPropertyName("file")] public required string File { get; init; }

    /// <summary>1-based line (CSV, NDJSON), row (Parquet) or entry (Bundle); null when the whole record has no position.</summary>
    [JsonPropertyName("line")] public long? Line { get; init; }

    /// <summary>The field at fault (a CSV column or a FHIR path).</summary>
    [JsonPropertyName("field")] public string? Field { get; init; }

    /// <summary>Why it was refused.</summary>
    [JsonPropertyName("reason")] public required string Reason { get; init; }

    /// <summary>The record as read.</summary>
    [JsonPropertyName("record")] public string? Record { get; init; }

    /// <summary>When.</summary>
    [JsonPropertyName("quarantined_at")] public required DateTime QuarantinedAt { get; init; }

    /// <summary><c>file:line: field: reason</c>.</summary>
    public override string ToString() => $"{File}:{Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {(Field is null ? "" : Field + ": ")}{Reason}";
}
