using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Units;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// Loads biometric data into the site's store: CSV and Parquet in bulk through DuckDB's own readers,
/// FHIR R4 NDJSON and Bundles through the FHIR SDK. Bad records are quarantined with file, line,
/// field and reason and the rest is loaded; a file already ingested (same bytes) adds nothing; a
/// reading already stored is counted as a duplicate. Each file is loaded in one transaction.
/// </summary>
public sealed class SiteIngestor(SiteStore store, TimeProvider time, UnitNormalizer? units = null)
{
    /// <summary>Columns of a readings table (device optional).</summary>
    public static readonly IReadOnlyList<string> ReadingColumns = ["participant_id", "loinc", "value", "unit", "effective_time", "device"];

    /// <summary>Columns of a clinical-events table.</summary>
    public static readonly IReadOnlyList<string> EventColumns = ["participant_id", "system", "code", "effective_time"];

    private readonly UnitNormalizer _units = units ?? new UnitNormalizer(LoincCatalog.Default);

    /// <summary>The format a file's extension implies, or null.</summary>
    public static IngestFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => IngestFormat.Csv,
        ".parquet" => IngestFormat.Parquet,
        ".ndjson" or ".jsonl" => IngestFormat.FhirNdjson,
        ".json" => IngestFormat.FhirJson,
        _ => null,
    };

    /// <summary>Ingests one file.</summary>
    public Task<IngestSummary> IngestAsync(string path, IngestFormat? format = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Ingest(path, format, cancellationToken), cancellationToken);

    private IngestSummary Ingest(string path, IngestFormat? format, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new IngestException($"{path}: no such file");
        var kind = format ?? FormatOf(full)
            ?? throw new IngestException($"{path}: cannot tell the format from the extension '{Path.GetExtension(full)}' (use .csv, .parquet, .ndjson or .json, or give --format)");
        var sha = Sha256(full);
        var now = time.GetUtcNow().UtcDateTime;
        using var c = store.Connect();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT loaded + quarantined + duplicates FROM ingested_files WHERE sha256 = $sha";
            cmd.Parameters.Add(new DuckDBParameter("sha", sha));
            if (cmd.ExecuteScalar() is { } records and not DBNull)
                return new IngestSummary
                {
                    File = full, Format = Name(kind), Sha256 = sha, Duplicates = Convert.ToInt64(records, CultureInfo.InvariantCulture),
                    AlreadyIngested = true, Seconds = watch.Elapsed.TotalSeconds,
                };
        }
        cancellationToken.ThrowIfCancellationRequested();
        StoreSql.Execute(c, "SET TimeZone = 'UTC'");
        using var tx = c.BeginTransaction();
        var (loaded, quarantined, duplicates, participants) = kind switch
        {
            IngestFormat.Csv => TabularFiles.LoadCsv(c, _units, full, now),
            IngestFormat.Parquet => TabularFiles.LoadParquet(c, _units, full, now),
            _ => FhirFiles.Load(c, _units, full, kind == IngestFormat.FhirNdjson, now, cancellationToken),
        };
        StoreSql.Execute(c, "INSERT INTO ingested_files VALUES ($sha, $path, $format, $now, $loaded, $quarantined, $duplicates)",
            ("sha", sha), ("path", full), ("format", Name(kind)), ("now", now), ("loaded", loaded), ("quarantined", quarantined), ("duplicates", duplicates));
        tx.Commit();
        return new IngestSummary
        {
            File = full, Format = Name(kind), Sha256 = sha, Loaded = loaded, Quarantined = quarantined, Duplicates = duplicates,
            ParticipantsCreated = participants, Seconds = watch.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The quarantine, oldest first (all files, or those whose path ends with <paramref name="file"/>).</summary>
    public IReadOnlyList<QuarantineEntry> Quarantine(string? file = null, int limit = int.MaxValue)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT file, line, field, reason, record, quarantined_at FROM quarantine WHERE $file IS NULL OR file LIKE '%' || $file ORDER BY quarantined_at, file, line LIMIT $limit";
        cmd.Parameters.Add(new DuckDBParameter("file", (object?)file ?? DBNull.Value));
        cmd.Parameters.Add(new DuckDBParameter("limit", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<QuarantineEntry>();
        while (r.Read())
            list.Add(new QuarantineEntry
            {
                File = r.GetString(0), Line = r.IsDBNull(1) ? null : r.GetInt64(1), Field = r.IsDBNull(2) ? null : r.GetString(2),
                Reason = r.GetString(3), Record = r.IsDBNull(4) ? null : r.GetString(4), QuarantinedAt = r.GetDateTime(5),
            });
        return list;
    }

    private static string Name(IngestFormat format) => format switch
    {
        IngestFormat.Csv => "csv",
        IngestFormat.Parquet => "parquet",
        IngestFormat.FhirNdjson => "fhir-ndjson",
        _ => "fhir-json",
    };

    private static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
