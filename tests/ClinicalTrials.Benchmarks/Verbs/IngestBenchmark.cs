using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalTrials.Site.Ingestion;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// <c>ingest</c>: readings/s through the site agent's ingestion (checks, unit normalisation,
/// dedupe, quarantine, store) from CSV and from Parquet, against DuckDB's plain <c>read_csv</c> /
/// <c>read_parquet</c> of the same file into a table of a database in the same directory, under
/// the same memory limit, in the same run; FHIR NDJSON Observations/s; the process's peak memory.
/// </summary>
public static class IngestBenchmark
{
    private static readonly string[] Codes = ["8480-6", "8462-4", "8867-4", "99504-3"];

    public static int Run(string[] args)
    {
        if (!BenchmarkOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"ingest: {error}");
            return 2;
        }
        var readings = options.Long("readings", 10_000_000);
        var fhir = options.Long("fhir", 200_000);
        var dir = Directory.CreateTempSubdirectory("ct-bench-ingest-").FullName;
        try
        {
            var csv = Path.Combine(dir, "readings.csv");
            var parquet = Path.Combine(dir, "readings.parquet");
            var ndjson = Path.Combine(dir, "observations.ndjson");
            Console.Error.WriteLine($"writing {readings:N0} readings as CSV and Parquet, {fhir:N0} FHIR Observations …");
            Generate(dir, readings, csv, parquet);
            WriteFhir(ndjson, fhir);

            var csvBaseline = Baseline(dir, $"read_csv('{csv}')");
            var csvOurs = Ours(dir, "csv", csv);
            var parquetBaseline = Baseline(dir, $"read_parquet('{parquet}')");
            var parquetOurs = Ours(dir, "parquet", parquet);
            var fhirOurs = Ours(dir, "fhir", ndjson);
            Check(csvOurs.Summary, readings);
            Check(parquetOurs.Summary, readings);
            Check(fhirOurs.Summary, fhir);

            JsonLine.Write(w =>
            {
                w.WriteNumber("readings", readings);
                w.WriteNumber("csv_bytes", new FileInfo(csv).Length);
                w.WriteNumber("csv_readings_per_second", Math.Round(readings / csvOurs.Seconds));
                w.WriteNumber("csv_duckdb_per_second", Math.Round(readings / csvBaseline));
                w.WriteNumber("csv_ratio", Math.Round(csvBaseline / csvOurs.Seconds, 3));
                w.WriteNumber("csv_seconds", Math.Round(csvOurs.Seconds, 3));
                w.WriteNumber("csv_duckdb_seconds", Math.Round(csvBaseline, 3));
                w.WriteNumber("parquet_readings_per_second", Math.Round(readings / parquetOurs.Seconds));
                w.WriteNumber("parquet_duckdb_per_second", Math.Round(readings / parquetBaseline));
                w.WriteNumber("parquet_ratio", Math.Round(parquetBaseline / parquetOurs.Seconds, 3));
                w.WriteNumber("fhir_observations", fhir);
                w.WriteNumber("fhir_observations_per_second", Math.Round(fhir / fhirOurs.Seconds));
                w.WriteNumber("peak_memory_mb", PeakMemoryMb());
                w.WriteString("duckdb_memory_limit", SiteStore.DefaultMemoryLimit);
                w.WriteNumber("cores", Environment.ProcessorCount);
            });
            return 0;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Generate(string dir, long n, string csv, string parquet)
    {
        using var c = new DuckDBConnection($"Data Source={Path.Combine(dir, "gen.duckdb")}");
        c.Open();
        var codes = string.Join(", ", Codes.Select(x => $"'{x}'"));
        // Four LOINC codes in their canonical units, 20,000 participants, one reading a minute each.
        var select = $"""
            SELECT 'P' || lpad(CAST(i % 20000 AS VARCHAR), 5, '0') AS participant_id,
                   [{codes}][CAST(i % 4 AS INTEGER) + 1] AS loinc,
                   CASE i % 4 WHEN 0 THEN 110 + (i % 60) WHEN 1 THEN 70 + (i % 30) WHEN 2 THEN 55 + (i % 50) ELSE 80 + (i % 150) END AS value,
                   ['mm[Hg]', 'mm[Hg]', '/min', 'mg/dL'][CAST(i % 4 AS INTEGER) + 1] AS unit,
                   TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(CAST(i // 20000 AS BIGINT)) + to_seconds(CAST(i % 20000 AS BIGINT) % 60) AS effective_time,
                   'dev-' || CAST(i % 11 AS VARCHAR) AS device
            FROM range({n}) t(i)
            """;
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SET TimeZone = 'UTC';
            COPY (SELECT participant_id, loinc, value, unit, strftime(effective_time, '%Y-%m-%dT%H:%M:%SZ') AS effective_time, device FROM ({select})) TO '{csv}' (HEADER, DELIMITER ',');
            COPY ({select}) TO '{parquet}' (FORMAT parquet);
            """;
        cmd.ExecuteNonQuery();
    }

    private static void WriteFhir(string path, long n)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long i = 0; i < n; i++)
        {
            var time = start.AddMinutes(i / 2000).AddSeconds(i % 60).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var patient = $"P{i % 2000:00000}";
            writer.Write("{\"resourceType\":\"Observation\",\"id\":\"o");
            writer.Write(i);
            writer.Write("\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"99504-3\"}]},\"subject\":{\"reference\":\"Patient/");
            writer.Write(patient);
            writer.Write("\"},\"effectiveDateTime\":\"");
            writer.Write(time);
            writer.Write("\",\"device\":{\"display\":\"cgm-1\"},\"valueQuantity\":{\"value\":");
            writer.Write(80 + i % 150);
            writer.Write(",\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}}\n");
        }
    }

    private static double Baseline(string dir, string reader)
    {
        var path = Path.Combine(dir, $"baseline-{Guid.NewGuid():N}.duckdb");
        using var c = new DuckDBConnection($"Data Source={path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SET memory_limit = '{SiteStore.DefaultMemoryLimit}'; SET temp_directory = '{path}.tmp';";
        cmd.ExecuteNonQuery();
        var watch = Stopwatch.StartNew();
        cmd.CommandText = $"CREATE TABLE readings AS SELECT * FROM {reader}";
        cmd.ExecuteNonQuery();
        return watch.Elapsed.TotalSeconds;
    }

    private static (double Seconds, IngestSummary Summary) Ours(string dir, string name, string file)
    {
        var siteDir = Path.Combine(dir, "site-" + name);
        Directory.CreateDirectory(siteDir);
        using var store = SiteStore.OpenDirectory(siteDir);
        var ingestor = new SiteIngestor(store, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var summary = ingestor.IngestAsync(file).GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"{name}: {summary.Loaded:N0} loaded, {summary.Quarantined:N0} quarantined, {summary.Duplicates:N0} duplicates in {seconds:F2} s");
        return (seconds, summary);
    }

    private static void Check(IngestSummary summary, long expected)
    {
        if (summary.Loaded != expected)
            throw new InvalidOperationException($"{summary.File}: loaded {summary.Loaded} of {expected} (quarantined {summary.Quarantined}, duplicates {summary.Duplicates})");
    }

    private static long PeakMemoryMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return -1;
    }
}
