namespace ClinicalTrials.Statistics.Data;

/// <summary>A parsed site table and the records that were rejected, each with its reason.</summary>
public sealed record CsvReadResult(SiteTable Table, IReadOnlyList<CsvRejection> Rejected);
