using System.Globalization;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// The rows of a derivation: the temp table <c>derive_base</c> (participant, enrollment values and
/// randomization date) on the derivation's own connection, which every later query joins.
/// </summary>
internal sealed record Population(IReadOnlyList<Participant> Rows, int ExcludedWithdrawn, int RandomizedAfterCutoff)
{
    public static Population Create(DuckDBConnection c, string trialId, DateTime cut)
    {
        // The latest consent action decides, whenever it happened: a withdrawal excludes the
        // participant from every analysis run after it, even one at an earlier data lock. At the same
        // instant a withdrawal outranks a grant, so that a tie can never put a participant back.
        StoreSql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE derive_consent AS
                SELECT participant_id, arg_max(action, {'t': happened_at, 'w': action = 'withdraw'}) AS action
                FROM consents WHERE trial_id = $trial GROUP BY participant_id;
            CREATE OR REPLACE TEMP TABLE derive_base AS
                SELECT r.participant_id, r.arm, r.age_years, r.sex, r.strata_json, CAST(r.randomized_at AS DATE) AS rand_date
                FROM randomizations r LEFT JOIN derive_consent l USING (participant_id)
                WHERE r.trial_id = $trial AND r.randomized_at <= $cut AND coalesce(l.action, 'grant') <> 'withdraw';
            """, ("trial", trialId), ("cut", cut));

        int withdrawn, late;
        using (var cmd = StoreSql.Command(c, """
            SELECT count(*) FILTER (WHERE r.randomized_at <= $cut AND l.action = 'withdraw'),
                   count(*) FILTER (WHERE r.randomized_at > $cut)
            FROM randomizations r LEFT JOIN derive_consent l USING (participant_id) WHERE r.trial_id = $trial
            """, ("trial", trialId), ("cut", cut)))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            withdrawn = Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture);
            late = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        }

        var rows = new List<Participant>();
        using (var cmd = StoreSql.Command(c, "SELECT participant_id, arm, age_years, sex, strata_json FROM derive_base ORDER BY participant_id"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                rows.Add(new Participant(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetString(3), r.GetString(4)));
        return new Population(rows, withdrawn, late);
    }

    /// <summary>Row index of each participant id.</summary>
    public Dictionary<string, int> Index() =>
        Rows.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
}
