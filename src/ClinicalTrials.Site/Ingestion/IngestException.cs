namespace ClinicalTrials.Site.Ingestion;

/// <summary>A whole file cannot be ingested (missing, unreadable, wrong header); the message names the file and what is wrong. Nothing of it is stored.</summary>
public sealed class IngestException(string message, Exception? inner = null) : Exception(message, inner);
