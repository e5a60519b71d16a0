using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Tests.Support;

/// <summary>Writes rows straight into a site store, for tests of what reads them.</summary>
public sealed class StoreRows(SiteStore store, string trialId)
{
    public static readonly DateTime Day0 = new(2026, 1, 10, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A time on study day <paramref name="day"/> (UTC), at <paramref name="hour"/>.</summary>
    public static DateTime OnDay(int day, double hour = 12) => Day0.Date.AddDays(day).AddHours(hour);

    public StoreRows Randomized(string participant, string arm, double age = 60, string? sex = "F", string strataJson = "{}", DateTime? at = null)
    {
        Exec("INSERT INTO consents VALUES ($t, $p, 'grant', $at, 'h')", ("t", trialId), ("p", participant), ("at", (at ?? Day0).AddHours(-1)));
        Exec("INSERT INTO randomizations VALUES ($t, $p, 'site=2', 0, $arm, $at, $age, $sex, $strata, 'h')",
            ("t", trialId), ("p", participant), ("arm", arm), ("at", at ?? Day0), ("age", age), ("sex", (object?)sex ?? DBNull.Value), ("strata", strataJson));
        return this;
    }

    public StoreRows Consent(string participant, string action, DateTime at)
    {
        Exec("INSERT INTO consents VALUES ($t, $p, $a, $at, 'h')", ("t", trialId), ("p", participant), ("a", action), ("at", at));
        return this;
    }

    public StoreRows Reading(string participant, string loinc, double value, string unit, DateTime at)
    {
        Exec("INSERT INTO observations VALUES ($p, $l, $v, $u, $at, NULL, 'test', 0)", ("p", participant), ("l", loinc), ("v", value), ("u", unit), ("at", at));
        return this;
    }

    public StoreRows Readings(string participant, string loinc, string unit, IEnumerable<(double Value, DateTime At)> readings)
    {
        using var c = store.Connect();
        using var appender = c.CreateAppender("observations");
        foreach (var (value, at) in readings)
            appender.CreateRow().AppendValue(participant).AppendValue(loinc).AppendValue(value).AppendValue(unit).AppendValue(at)
                .AppendNullValue().AppendValue("test").AppendValue(0L).EndRow();
        return this;
    }

    public StoreRows Event(string participant, string system, string code, DateTime at)
    {
        Exec("INSERT INTO clinical_events VALUES ($p, $s, $c, $at, 'test', 0)", ("p", participant), ("s", system), ("c", code), ("at", at));
        return this;
    }

    public StoreRows Died(string participant, DateTime at)
    {
        Exec("INSERT INTO participants VALUES ($p, NULL, NULL, $at, $at, 'test') ON CONFLICT (participant_id) DO UPDATE SET deceased_time = excluded.deceased_time",
            ("p", participant), ("at", at));
        return this;
    }

    private void Exec(string sql, params (string Name, object Value)[] parameters)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        cmd.ExecuteNonQuery();
    }
}
