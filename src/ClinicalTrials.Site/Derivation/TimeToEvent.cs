using ClinicalTrials.Site.Store;
using ClinicalTrials.Core.Protocol;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>Time-to-event columns: the first qualifying event, else censoring at last contact.</summary>
internal static class TimeToEvent
{
    /// <summary>
    /// The temp table <c>derive_contact</c>: per participant, the study day of the last reading,
    /// clinical event or recorded death at or before the cut-off, at least 0 (randomization itself
    /// is a contact). Computed once for all time-to-event endpoints.
    /// </summary>
    public static void CreateContact(DuckDBConnection c, DateTime cut) => StoreSql.Execute(c, """
        CREATE OR REPLACE TEMP TABLE derive_contact AS
        SELECT b.participant_id,
               greatest(0, coalesce(max(date_diff('day', b.rand_date, CAST(x.t AS DATE))), 0)) AS day
        FROM derive_base b LEFT JOIN (
            SELECT participant_id, max(effective_time) AS t FROM observations WHERE effective_time <= $cut GROUP BY participant_id
            UNION ALL
            SELECT participant_id, max(effective_time) FROM clinical_events WHERE effective_time <= $cut GROUP BY participant_id
            UNION ALL
            SELECT participant_id, deceased_time FROM participants WHERE deceased_time <= $cut
        ) x ON x.participant_id = b.participant_id
        GROUP BY b.participant_id
        """, ("cut", cut));

    /// <summary>Time and event indicator of every row for <paramref name="endpoint"/>.</summary>
    public static (double[] Time, double[] Event) Derive(DuckDBConnection c, TimeToEventEndpoint endpoint, DateTime cut, Dictionary<string, int> rows)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("cut", cut) };
        var death = false;
        for (var i = 0; i < endpoint.Events.Length; i++)
        {
            var code = endpoint.Events[i];
            switch (code.System)
            {
                case CodeSystem.Icd10:
                    // A category matches every code under it, written with or without the dot.
                    conditions.Add($"(lower(e.system) = 'icd10' AND starts_with(replace(upper(trim(e.code)), '.', ''), $c{i}))");
                    parameters.Add(($"c{i}", IcdKey(code.Code)));
                    break;
                default:
                    conditions.Add($"(lower(e.system) = '{(code.System == CodeSystem.Snomed ? "snomed" : "loinc")}' AND trim(e.code) = $c{i})");
                    parameters.Add(($"c{i}", code.Code.Trim()));
                    death |= code.System == CodeSystem.Snomed && code.Code.Trim() == EndpointDeriver.DeathCode;
                    break;
            }
        }
        var deaths = death
            ? "UNION ALL SELECT participant_id, deceased_time FROM participants WHERE deceased_time <= $cut"
            : "";
        using var cmd = StoreSql.Command(c, $"""
            SELECT b.participant_id, f.day, k.day
            FROM derive_base b
            JOIN derive_contact k ON k.participant_id = b.participant_id
            LEFT JOIN (
                SELECT b.participant_id, min(date_diff('day', b.rand_date, CAST(ev.t AS DATE))) AS day
                FROM derive_base b JOIN (
                    SELECT e.participant_id, e.effective_time AS t FROM clinical_events e
                    WHERE e.effective_time <= $cut AND ({string.Join(" OR ", conditions)})
                    {deaths}
                ) ev ON ev.participant_id = b.participant_id
                WHERE CAST(ev.t AS DATE) >= b.rand_date
                GROUP BY b.participant_id
            ) f ON f.participant_id = b.participant_id
            """, [.. parameters]);
        var max = endpoint.Censoring.MaxFollowUpDays;
        var time = new double[rows.Count];
        var events = new double[rows.Count];
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var row = rows[r.GetString(0)];
            var contact = r.GetInt64(2);
            // ADaM: time = days from the randomization date + 1. The cap applies to that time: an
            // event whose time would exceed max_follow_up_days is censored there.
            if (!r.IsDBNull(1) && r.GetInt64(1) + 1 <= max)
                (time[row], events[row]) = (r.GetInt64(1) + 1, 1);
            else
                (time[row], events[row]) = (Math.Min(contact + 1, max), 0);
        }
        return (time, events);
    }

    /// <summary>An ICD-10 code as compared: upper case, no dot, no surrounding space.</summary>
    internal static string IcdKey(string code) => code.Trim().ToUpperInvariant().Replace(".", "", StringComparison.Ordinal);
}
