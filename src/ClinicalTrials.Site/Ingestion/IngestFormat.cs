namespace ClinicalTrials.Site.Ingestion;

/// <summary>What a file to ingest holds.</summary>
public enum IngestFormat
{
    /// <summary>CSV of readings (or of clinical events, told apart by the header).</summary>
    Csv,

    /// <summary>Parquet of readings.</summary>
    Parquet,

    /// <summary>FHIR R4 resources, one JSON object per line (NDJSON, bulk-data export).</summary>
    FhirNdjson,

    /// <summary>A FHIR R4 Bundle, or a single resource, as one JSON document.</summary>
    FhirJson,
}
