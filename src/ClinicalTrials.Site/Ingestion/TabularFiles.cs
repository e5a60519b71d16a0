using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Units;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>CSV and Parquet files, read in bulk by DuckDB's <c>read_csv</c> and <c>read_parquet</c>.</summary>
internal static class TabularFiles
{
    public static (long, long, long, long) LoadCsv(DuckDBConnection c, UnitNormalizer units, string path, DateTime now)
    {
        var layout = CsvLayout.Read(path);
        if (layout.Columns.Count == 0 || layout.Columns is [""]) throw new IngestException($"{path}: empty file (no header line)");
        var isEvents = layout.Columns.Contains("system") && layout.Columns.Contains("code") && !layout.Columns.Contains("loinc");
        var required = isEvents ? SiteIngestor.EventColumns : SiteIngestor.ReadingColumns.Take(5).ToList();
        var missing = required.Where(r => !layout.Columns.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new IngestException($"{path}: line 1: the header lacks {string.Join(", ", missing)} " +
                $"(a readings file has {string.Join(", ", SiteIngestor.ReadingColumns)}; an events file {string.Join(", ", SiteIngestor.EventColumns)}); found: {string.Join(", ", layout.Columns)}");
        var repeated = layout.Columns.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new IngestException($"{path}: line 1: column '{repeated.Key}' appears twice in the header");

        var columns = "{" + string.Join(", ", layout.Columns.Select(name => $"{StoreSql.Literal(name)}: 'VARCHAR'")) + "}";
        StoreSql.Execute(c, $"""
            CREATE OR REPLACE TEMP TABLE raw AS
            SELECT * FROM read_csv({StoreSql.Literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                                   columns = {columns}, store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_scan')
            """);
        // The reader skips blank lines and rejected lines; count both to give every row its physical line.
        StoreSql.Execute(c, "CREATE OR REPLACE TEMP TABLE gaps (line BIGINT)");
        using (var appender = c.CreateAppender("temp", "main", "gaps"))
            foreach (var blank in layout.BlankLines) appender.CreateRow().AppendValue(blank).EndRow();
        StoreSql.Execute(c, """
            INSERT INTO gaps SELECT DISTINCT line FROM csv_rejects;
            CREATE OR REPLACE TEMP TABLE gap_rows AS
                SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS rows_before FROM (SELECT DISTINCT line FROM gaps WHERE line > 1);
            """);
        var hasGaps = StoreSql.Scalar(c, "SELECT count(*) FROM gap_rows") > 0;
        // Row ids of a new table count from a base (temporary storage starts high); records from 0.
        var first = StoreSql.Scalar(c, "SELECT coalesce(min(rowid), 0) FROM raw");
        var index = $"(r.rowid - {first})";
        var line = hasGaps ? $"{index} + 2 + (SELECT count(*) FROM gap_rows g WHERE g.rows_before < {index} + 1)" : $"{index} + 2";
        var rejected = StoreSql.Execute(c, """
            INSERT INTO quarantine
            SELECT $file, line, column_name,
                   CASE error_type WHEN 'MISSING COLUMNS' THEN 'truncated line: ' || error_message
                                   WHEN 'TOO MANY COLUMNS' THEN 'too many columns: ' || error_message
                                   ELSE lower(CAST(error_type AS VARCHAR)) || ': ' || error_message END,
                   trim(csv_line, chr(10) || chr(13)), $now
            FROM (SELECT line, arg_min(column_name, column_idx) AS column_name, arg_min(error_type, column_idx) AS error_type,
                         arg_min(error_message, column_idx) AS error_message, arg_min(csv_line, column_idx) AS csv_line
                  FROM csv_rejects GROUP BY line)
            """, ("file", path), ("now", now));

        var record = "concat_ws(',', " + string.Join(", ", layout.Columns.Select(n => $"coalesce(r.\"{n}\", '')")) + ")";
        (long, long, long, long) result;
        if (isEvents)
        {
            StoreSql.Execute(c, $"""
                CREATE OR REPLACE TEMP VIEW staged_events AS
                SELECT {index} AS rid, {line} AS line, NULL::VARCHAR AS path, {record} AS record,
                       r.participant_id, r.system, r.code, r.effective_time FROM raw r
                """);
            result = EventChecks.Load(c, path, "VARCHAR", now);
            StoreSql.Execute(c, "DROP VIEW staged_events");
        }
        else
        {
            var device = layout.Columns.Contains("device") ? "r.device" : "NULL::VARCHAR";
            StoreSql.Execute(c, $"""
                CREATE OR REPLACE TEMP VIEW staged AS
                SELECT {index} AS rid, {line} AS line, NULL::VARCHAR AS path, {record} AS record,
                       r.participant_id, r.loinc, r.value, r.unit, r.effective_time, {device} AS device FROM raw r
                """);
            result = ReadingChecks.Load(c, units, path, "VARCHAR", now);
            StoreSql.Execute(c, "DROP VIEW staged");
        }
        StoreSql.Execute(c, "DROP TABLE raw; DROP TABLE gaps; DROP TABLE gap_rows; DROP TABLE csv_rejects; DROP TABLE csv_scan;");
        return (result.Item1, result.Item2 + rejected, result.Item3, result.Item4);
    }

    public static (long, long, long, long) LoadParquet(DuckDBConnection c, UnitNormalizer units, string path, DateTime now)
    {
        // Read in place: the checks and the insert each scan the file (columnar, fast), and the row
        // number comes from the reader, so nothing is staged in memory.
        var source = $"read_parquet({StoreSql.Literal(path)}, file_row_number = true)";
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})";
            using var r = cmd.ExecuteReader();
            while (r.Read()) types[r.GetString(0)] = r.GetString(1);
        }
        catch (DuckDBException e)
        {
            throw new IngestException($"{path}: not a readable Parquet file: {e.Message}", e);
        }
        types.Remove("file_row_number");
        var missing = SiteIngestor.ReadingColumns.Take(5).Where(n => !types.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new IngestException($"{path}: the Parquet schema lacks {string.Join(", ", missing)} (a readings file has {string.Join(", ", SiteIngestor.ReadingColumns)}); found: {string.Join(", ", types.Keys)}");
        var device = types.ContainsKey("device") ? "CAST(r.device AS VARCHAR)" : "NULL::VARCHAR";
        var record = "concat_ws(',', " + string.Join(", ", types.Keys.Select(n => $"coalesce(CAST(r.\"{n}\" AS VARCHAR), '')")) + ")";
        StoreSql.Execute(c, $"""
            CREATE OR REPLACE TEMP VIEW staged AS
            SELECT r.file_row_number AS rid, r.file_row_number + 1 AS line, NULL::VARCHAR AS path, {record} AS record,
                   CAST(r.participant_id AS VARCHAR) AS participant_id, CAST(r.loinc AS VARCHAR) AS loinc, r.value,
                   CAST(r.unit AS VARCHAR) AS unit, r.effective_time, {device} AS device FROM {source} r
            """);
        var result = ReadingChecks.Load(c, units, path, types["effective_time"], now, materialize: false);
        StoreSql.Execute(c, "DROP VIEW staged;");
        return result;
    }
}
