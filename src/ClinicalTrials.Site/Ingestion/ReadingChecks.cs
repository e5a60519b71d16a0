using System.Globalization;
using ClinicalTrials.Core.Terminology;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Units;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// Checks staged readings set-wise and loads them. The staging table <c>staged</c> has columns
/// <c>participant_id, loinc, value, unit, effective_time, device</c> (text, or typed from Parquet),
/// <c>rid</c> (unique per row), <c>line</c>, <c>path</c> (the FHIR element, null for tables) and <c>record</c>. Codes and units are judged once per distinct (code, unit) pair in
/// .NET (LOINC check digit, UCUM, conversion to the code's unit, plausible range) and joined back;
/// every row (<c>rid</c>; a FHIR line may hold several readings, with <c>path</c> naming the element)
/// is then either quarantined with its field and reason, counted as a duplicate of a
/// stored or earlier reading, or stored.
/// </summary>
internal static class ReadingChecks
{
    /// <summary>Loads <c>staged</c> into observations; returns (loaded, quarantined, duplicates, participants created).</summary>
    public static (long Loaded, long Quarantined, long Duplicates, long Participants) Load(
        DuckDBConnection c, UnitNormalizer units, string file, string timeType, DateTime now, bool materialize = true)
    {
        JudgeCodesAndUnits(c, units);
        var naive = timeType.StartsWith("TIMESTAMP", StringComparison.Ordinal) && timeType != "TIMESTAMP WITH TIME ZONE";
        var time = timeType switch
        {
            "TIMESTAMP WITH TIME ZONE" => "make_timestamp(epoch_us(s.effective_time))",
            "VARCHAR" => TimeSql.Utc("trim(s.effective_time)"),
            _ => "NULL::TIMESTAMP",
        };
        // Everything a reading must satisfy; reasons are worked out only for rows that fail. Over a
        // columnar file the checks stay a view (the file is scanned for the figures and again by the
        // insert, nothing is held); over parsed text they are computed once into a table.
        StoreSql.Execute(c, $"""
            CREATE OR REPLACE TEMP {(materialize ? "TABLE" : "VIEW")} checked AS
            SELECT rid, line, participant_id, loinc, device, t, target_unit, x * scale + shift AS converted,
                   hash(participant_id, loinc, t, x * scale + shift, target_unit, device) AS h,
                   coalesce(participant_id <> '' AND code_reason IS NULL AND target_unit IS NOT NULL AND unit_reason IS NULL
                            AND isfinite(x) AND t IS NOT NULL AND x * scale + shift BETWEEN lo AND hi, FALSE) AS ok
            FROM (
                SELECT s.rid, s.line, trim(s.participant_id) AS participant_id, trim(s.loinc) AS loinc, nullif(trim(s.device), '') AS device,
                       try_cast(s.value AS DOUBLE) AS x, {time} AS t,
                       k.code_reason, k.unit_reason, k.target_unit, k.scale, k.shift, k.lo, k.hi
                FROM staged s LEFT JOIN unit_verdicts k ON k.loinc = trim(s.loinc) AND k.unit = trim(s.unit)
            );
            """);
        var timeText = timeType == "VARCHAR" ? "trim(s.effective_time)" : "CAST(s.effective_time AS VARCHAR)";
        long failing, total, distinct;
        DateTime? first, last;
        StoreSql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE check_figures AS
            SELECT count(*) FILTER (WHERE NOT ok) AS failing, count(*) AS total, count(DISTINCT h) FILTER (WHERE ok) AS distinct_readings,
                   min(t) FILTER (WHERE ok) AS first, max(t) FILTER (WHERE ok) AS last, list(DISTINCT participant_id) FILTER (WHERE ok) AS participants
            FROM checked
            """);
        using (var cmd = StoreSql.Command(c, "SELECT failing, total, distinct_readings, first, last FROM check_figures"))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (failing, total, distinct) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
            (first, last) = (r.IsDBNull(3) ? null : r.GetDateTime(3), r.IsDBNull(4) ? null : r.GetDateTime(4));
        }
        var quarantined = failing == 0 ? 0 : Quarantine(c, file, now, timeText, naive);
        var valid = total - failing;
        var participants = StoreSql.Execute(c, """
            INSERT INTO participants (participant_id, sex, birth_date, deceased_time, created_at, source)
            SELECT n.participant_id, NULL, NULL, NULL, $now, $file
            FROM (SELECT unnest(participants) AS participant_id FROM check_figures) n ANTI JOIN participants p ON p.participant_id = n.participant_id
            """, ("now", now), ("file", file));

        // One reading per (participant, code, time, value, unit, device) — the first line of a repeat
        // in the file — and none the store already holds. Repeats are found by a 64-bit hash of the
        // reading and then compared column by column, so a hash collision never merges two readings.
        // The common cases — no repeats, nothing stored in the file's time span — skip that work.
        var repeats = valid - distinct > 0;
        var readings = repeats
            ? """
              SELECT participant_id, loinc, converted AS value, target_unit AS unit, t AS effective_time, device, line
              FROM checked WHERE ok AND h NOT IN (SELECT h FROM repeated)
              UNION ALL
              SELECT participant_id, loinc, converted, target_unit, t, device, min(line)
              FROM checked WHERE ok AND h IN (SELECT h FROM repeated)
              GROUP BY participant_id, loinc, converted, target_unit, t, device
              """
            : "SELECT participant_id, loinc, converted AS value, target_unit AS unit, t AS effective_time, device, line FROM checked WHERE ok";
        if (repeats) StoreSql.Execute(c, "CREATE OR REPLACE TEMP TABLE repeated AS SELECT h FROM checked WHERE ok GROUP BY h HAVING count(*) > 1");
        var overlap = first is not null && StoreSql.Scalar(c,
            "SELECT count(*) FROM (SELECT 1 FROM observations WHERE effective_time BETWEEN $first AND $last LIMIT 1)", ("first", first), ("last", last)) > 0;
        var stored = overlap
            ? """
              ANTI JOIN (SELECT * FROM observations WHERE effective_time BETWEEN $first AND $last) o
                ON o.participant_id = f.participant_id AND o.loinc = f.loinc AND o.effective_time = f.effective_time
               AND o.value = f.value AND o.unit = f.unit AND o.device IS NOT DISTINCT FROM f.device
              """
            : "";
        var loaded = StoreSql.Execute(c, $"""
            INSERT INTO observations
            SELECT f.participant_id, f.loinc, f.value, f.unit, f.effective_time, f.device, $file, f.line
            FROM ({readings}) f
            {stored}
            """, ("file", file), ("first", first), ("last", last));
        StoreSql.Execute(c, $"DROP {(materialize ? "TABLE" : "VIEW")} checked; DROP TABLE check_figures; DROP TABLE IF EXISTS repeated; DROP TABLE unit_verdicts;");
        return (loaded, quarantined, valid - loaded, participants);
    }

    // Works out field and reason for the readings that failed (looked up by row id: the cost is theirs alone).
    private static long Quarantine(DuckDBConnection c, string file, DateTime now, string timeText, bool naive)
    {
        StoreSql.Execute(c, $"""
            CREATE OR REPLACE TEMP TABLE refused AS
            SELECT rid, line, record,
                CASE WHEN path IS NULL THEN field
                     WHEN field = 'participant_id' THEN 'Observation.subject'
                     WHEN field = 'loinc' THEN path || '.code'
                     WHEN field = 'value' THEN path || '.valueQuantity.value'
                     WHEN field = 'unit' THEN path || '.valueQuantity.code'
                     ELSE 'Observation.effective[x]' END AS field,
                reason
            FROM (
                SELECT rid, line, path, record,
                    CASE
                        WHEN participant_id IS NULL OR participant_id = '' THEN 'participant_id'
                        WHEN loinc IS NULL OR loinc = '' OR code_reason IS NOT NULL THEN 'loinc'
                        WHEN value_text IS NULL OR value_text = '' OR x IS NULL OR NOT isfinite(x) THEN 'value'
                        WHEN unit IS NULL OR unit = '' OR unit_reason IS NOT NULL THEN 'unit'
                        WHEN t IS NULL THEN 'effective_time'
                        ELSE 'value'
                    END AS field,
                    CASE
                        WHEN participant_id IS NULL OR participant_id = '' THEN 'missing participant id'
                        WHEN loinc IS NULL OR loinc = '' THEN 'missing LOINC code'
                        WHEN code_reason IS NOT NULL THEN code_reason
                        WHEN value_text IS NULL OR value_text = '' THEN 'missing value'
                        WHEN x IS NULL OR NOT isfinite(x) THEN 'not a finite number: ''' || value_text || ''''
                        WHEN unit IS NULL OR unit = '' THEN 'missing unit'
                        WHEN unit_reason IS NOT NULL THEN unit_reason
                        WHEN time_text IS NULL OR time_text = '' THEN 'missing effective time'
                        WHEN t IS NULL AND {(naive ? "TRUE" : "FALSE")} THEN 'timestamp without time zone: the column must be UTC-adjusted (isAdjustedToUTC) or text with an offset'
                        WHEN t IS NULL AND {TimeSql.HasOffset("time_text")} THEN 'not a date-time: ''' || time_text || ''''
                        WHEN t IS NULL THEN 'no UTC offset in ''' || time_text || ''' (write 2026-01-31T08:00:00Z or +01:00): the moment is ambiguous'
                        ELSE value_text || ' ' || unit || CASE WHEN unit <> target_unit THEN printf(' (%g %s)', converted, target_unit) ELSE '' END
                             || ' is outside the plausible range ' || range_text || ' for LOINC ' || loinc
                    END AS reason
                FROM (
                    SELECT k.rid, k.line, s.path, s.record, k.participant_id, k.loinc, k.t, k.converted, k.target_unit,
                           trim(CAST(s.value AS VARCHAR)) AS value_text, try_cast(s.value AS DOUBLE) AS x, trim(s.unit) AS unit,
                           {timeText} AS time_text, v.code_reason, v.unit_reason, v.range_text
                    FROM (SELECT * FROM checked WHERE NOT ok) k JOIN staged s ON s.rid = k.rid
                    LEFT JOIN unit_verdicts v ON v.loinc = k.loinc AND v.unit = trim(s.unit)
                )
            );
            """);
        var n = StoreSql.Execute(c, "INSERT INTO quarantine SELECT $file, line, field, reason, record, $now FROM refused", ("file", file), ("now", now));
        StoreSql.Execute(c, "DROP TABLE refused");
        return n;
    }

    private static void JudgeCodesAndUnits(DuckDBConnection c, UnitNormalizer units)
    {
        var pairs = new List<(string Loinc, string Unit)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT DISTINCT trim(loinc), trim(unit) FROM staged WHERE loinc IS NOT NULL AND unit IS NOT NULL";
            using var r = cmd.ExecuteReader();
            while (r.Read()) pairs.Add((r.GetString(0), r.GetString(1)));
        }
        StoreSql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE unit_verdicts (
                loinc VARCHAR, unit VARCHAR, code_reason VARCHAR, unit_reason VARCHAR,
                target_unit VARCHAR, scale DOUBLE, shift DOUBLE, lo DOUBLE, hi DOUBLE, range_text VARCHAR)
            """);
        using var appender = c.CreateAppender("temp", "main", "unit_verdicts");
        foreach (var (loinc, unit) in pairs)
        {
            var row = appender.CreateRow().AppendValue(loinc).AppendValue(unit);
            var entry = units.Catalog.Find(loinc);
            var codeReason = Loinc.Explain(loinc) is { } bad ? $"unknown code: {bad}"
                : entry?.Panel == true ? $"LOINC {loinc} ({entry.Display}) is a panel: send its components"
                : null;
            var verdict = units.ToCanonical(loinc, unit);
            row.AppendValue(codeReason).AppendValue(verdict.Reason).AppendValue(verdict.Unit)
                .AppendValue(verdict.Scale).AppendValue(verdict.Offset)
                .AppendValue(entry?.Min ?? double.NegativeInfinity).AppendValue(entry?.Max ?? double.PositiveInfinity)
                .AppendValue(entry is { Min: { } min, Max: { } max } ? $"{Show(min)}..{Show(max)} {entry.Unit}" : null)
                .EndRow();
        }
    }

    private static string Show(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
