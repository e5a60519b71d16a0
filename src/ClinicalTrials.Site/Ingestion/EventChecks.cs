using ClinicalTrials.Site.Store;
using ClinicalTrials.Core.Terminology;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// Checks and loads staged clinical events (<c>staged_events</c>: <c>rid, line, path, record,
/// participant_id, system, code, effective_time</c>), the same way <see cref="ReadingChecks"/> does readings.
/// </summary>
internal static class EventChecks
{
    /// <summary>Code systems events may use.</summary>
    public static readonly IReadOnlyList<string> Systems = ["icd10", "snomed", "loinc"];

    public static (long Loaded, long Quarantined, long Duplicates, long Participants) Load(DuckDBConnection c, string file, string timeType, DateTime now)
    {
        var pairs = new List<(string System, string Code)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT DISTINCT lower(trim(system)), trim(code) FROM staged_events WHERE system IS NOT NULL AND code IS NOT NULL";
            using var r = cmd.ExecuteReader();
            while (r.Read()) pairs.Add((r.GetString(0), r.GetString(1)));
        }
        StoreSql.Execute(c, "CREATE OR REPLACE TEMP TABLE code_verdicts (system VARCHAR, code VARCHAR, reason VARCHAR)");
        using (var appender = c.CreateAppender("temp", "main", "code_verdicts"))
        {
            foreach (var (system, code) in pairs)
            {
                var reason = system switch
                {
                    "icd10" => Icd10.Explain(code),
                    "snomed" => Snomed.Explain(code),
                    "loinc" => Loinc.Explain(code),
                    _ => $"unknown code system '{system}' (use {string.Join(", ", Systems)})",
                };
                appender.CreateRow().AppendValue(system).AppendValue(code).AppendValue(reason).EndRow();
            }
        }
        var time = timeType == "VARCHAR"
            ? TimeSql.Utc("trim(s.effective_time)")
            : "CAST(s.effective_time AS TIMESTAMP)";
        StoreSql.Execute(c, $"""
            CREATE OR REPLACE TEMP TABLE checked_events AS
            SELECT s.rid, s.line, s.path, s.record, trim(s.participant_id) AS participant_id, lower(trim(s.system)) AS system,
                   trim(s.code) AS code, trim(CAST(s.effective_time AS VARCHAR)) AS time_text, {time} AS t, k.reason AS code_reason
            FROM staged_events s LEFT JOIN code_verdicts k ON k.system = lower(trim(s.system)) AND k.code = trim(s.code);
            CREATE OR REPLACE TEMP TABLE refused_events AS
            SELECT rid, line, record,
                CASE WHEN participant_id IS NULL OR participant_id = '' THEN coalesce(path || '.subject', 'participant_id')
                     WHEN system IS NULL OR system = '' OR code IS NULL OR code = '' OR code_reason IS NOT NULL THEN coalesce(path || '.code', 'code')
                     ELSE coalesce(path || '.onset[x]', 'effective_time') END AS field,
                CASE WHEN participant_id IS NULL OR participant_id = '' THEN 'missing participant id'
                     WHEN system IS NULL OR system = '' THEN 'missing code system'
                     WHEN code IS NULL OR code = '' THEN 'missing code'
                     WHEN code_reason IS NOT NULL THEN code_reason
                     WHEN time_text IS NULL OR time_text = '' THEN 'missing effective time'
                     WHEN t IS NULL AND {TimeSql.HasOffset("time_text")} THEN 'not a date-time: ''' || time_text || ''''
                     WHEN t IS NULL THEN 'no UTC offset in ''' || time_text || ''' (write 2026-01-31T08:00:00Z or +01:00): the moment is ambiguous'
                END AS reason
            FROM checked_events
            WHERE participant_id IS NULL OR participant_id = '' OR system IS NULL OR system = '' OR code IS NULL OR code = ''
               OR code_reason IS NOT NULL OR t IS NULL;
            """);
        var quarantined = StoreSql.Execute(c, "INSERT INTO quarantine SELECT $file, line, field, reason, record, $now FROM refused_events", ("file", file), ("now", now));
        StoreSql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE fresh_events AS
            SELECT participant_id, system, code, t, min(line) AS line, count(*) AS copies FROM checked_events
            WHERE rid NOT IN (SELECT rid FROM refused_events)
            GROUP BY participant_id, system, code, t
            """);
        var valid = StoreSql.Scalar(c, "SELECT CAST(coalesce(sum(copies), 0) AS BIGINT) FROM fresh_events");
        var participants = StoreSql.Execute(c, """
            INSERT INTO participants (participant_id, sex, birth_date, deceased_time, created_at, source)
            SELECT DISTINCT f.participant_id, NULL, NULL, NULL, $now, $file FROM fresh_events f
            WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.participant_id = f.participant_id)
            """, ("now", now), ("file", file));
        var loaded = StoreSql.Execute(c, """
            INSERT INTO clinical_events
            SELECT f.participant_id, f.system, f.code, f.t, $file, f.line FROM fresh_events f
            WHERE NOT EXISTS (SELECT 1 FROM clinical_events e WHERE e.participant_id = f.participant_id AND e.system = f.system
                              AND e.code = f.code AND e.effective_time = f.t)
            """, ("file", file));
        StoreSql.Execute(c, "DROP TABLE checked_events; DROP TABLE refused_events; DROP TABLE fresh_events; DROP TABLE code_verdicts;");
        return (loaded, quarantined, valid - loaded, participants);
    }
}
