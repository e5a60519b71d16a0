using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Statistics.Data;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// Derives a trial's analysis dataset — one row per randomized participant whose consent stands —
/// from the site's store, following the protocol's endpoint and covariate definitions, in DuckDB SQL.
/// <list type="bullet">
/// <item>Study day of a reading = its UTC date − the UTC date of randomization (randomization day is
/// day 0); windows are inclusive.</item>
/// <item>Window statistics (mean, median, min, max, last = latest reading) need the definition's
/// minimum number of readings, else the value is missing.</item>
/// <item>Time in range = 100 × readings within [low, high] / readings in the window. It is missing
/// when coverage is below the definition's <c>min_coverage</c>: for codes with a known sampling rate
/// (<see cref="ExpectedReadingsPerDay"/>, e.g. CGM every 5 minutes = 288/day) coverage = readings /
/// (rate × days in window); otherwise coverage = days with a reading / days in window.</item>
/// <item>Time to event (ADaM convention): time = days from the randomization date to the first
/// qualifying event on or after it, + 1, with event = 1; without an event, censored at last
/// contact (latest reading, event or death on or after randomization) + 1, event = 0 (a
/// participant never seen after randomization is censored at 1). Follow-up stops at
/// <c>max_follow_up_days</c>: later events are censored there. ICD-10 codes match at and below the
/// given code (<c>I50</c> matches <c>I50.9</c>); SNOMED and LOINC codes match exactly; SNOMED
/// 419620001 (death) also matches a recorded date of death.</item>
/// <item>Only data effective at or before the cut-off (the data lock) is used, and only consent
/// actions up to it count: a participant whose latest action is a withdrawal is left out.</item>
/// </list>
/// </summary>
public sealed class EndpointDeriver(SiteStore store, UnitConversion? convert = null) : ISiteDatasets
{
    /// <summary>SNOMED CT "death" (419620001): also matched by a participant's recorded date of death.</summary>
    public const string DeathCode = "419620001";

    /// <summary>Known sampling rates of continuous monitors, readings per day by LOINC code.</summary>
    public static ImmutableDictionary<string, double> ExpectedReadingsPerDay { get; } = ImmutableDictionary.CreateRange(
    [
        KeyValuePair.Create("99504-3", 288.0), // interstitial glucose by continuous monitor, every 5 minutes
    ]);

    private static readonly DateTime NoCutoff = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc />
    SiteDataset ISiteDatasets.Derive(JoinedTrial trial, DateTimeOffset? cutoff) => Derive(trial, cutoff).Dataset;

    /// <summary>Derives the dataset of <paramref name="trial"/> from data effective at or before <paramref name="cutoff"/>.</summary>
    public DerivationResult Derive(JoinedTrial trial, DateTimeOffset? cutoff)
    {
        var cut = cutoff?.UtcDateTime ?? NoCutoff;
        using var c = store.Connect();
        var withdrawn = CreateBase(c, trial.TrialId, cut);
        var rows = ReadBase(c);
        var build = new Build(rows.Count);
        var unconvertible = new Dictionary<string, long>(StringComparer.Ordinal);
        var protocol = trial.Protocol;

        build.Categorical("arm", rows.Select(r => r.Arm).ToArray(), "not randomized");
        foreach (var stratum in protocol.Randomization.Strata.Where(s => s.Name != "site"))
            build.Categorical(stratum.Name, rows.Select(r => r.Strata.GetValueOrDefault(stratum.Name)).ToArray(), "stratum level not recorded at enrollment");

        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var endpoint in protocol.Endpoints)
        {
            switch (endpoint)
            {
                case ChangeFromBaselineEndpoint e:
                {
                    var baseline = Window(c, e.Loinc, e.Unit, e.BaselineWindow, e.Statistic, null, cut, unconvertible);
                    var followUp = Window(c, e.Loinc, e.Unit, e.FollowUpWindow, e.Statistic, null, cut, unconvertible);
                    numbers[e.Id] = build.Numeric(e.Id, i =>
                    {
                        var b = WindowValue(baseline, rows[i].Id, e.MinReadings, e.BaselineWindow, "baseline ");
                        var f = WindowValue(followUp, rows[i].Id, e.MinReadings, e.FollowUpWindow, "follow-up ");
                        return (b.Reason ?? f.Reason) is { } reason ? (double.NaN, reason) : (f.Value - b.Value, null);
                    });
                    break;
                }
                case MeanInWindowEndpoint e:
                {
                    var stats = Window(c, e.Loinc, e.Unit, e.Window, e.Statistic, null, cut, unconvertible);
                    numbers[e.Id] = build.Numeric(e.Id, i => WindowValue(stats, rows[i].Id, e.MinReadings, e.Window, ""));
                    break;
                }
                case TimeInRangeEndpoint e:
                {
                    var stats = Window(c, e.Loinc, e.Unit, e.Window, WindowStatistic.Mean, e.Range, cut, unconvertible);
                    numbers[e.Id] = build.Numeric(e.Id, i => TimeInRange(stats, rows[i].Id, e.Loinc, e.Window, e.MinCoverage));
                    break;
                }
                case TimeToEventEndpoint e:
                {
                    var times = TimeToEvent(c, e, cut);
                    build.Numeric(e.TimeVariable, i => (times[i].Time, null));
                    build.Numeric(e.EventVariable, i => (times[i].Event, null));
                    break;
                }
                case ResponderEndpoint:
                    break; // after all sources are known
            }
        }
        foreach (var e in protocol.Endpoints.OfType<ResponderEndpoint>())
        {
            var source = numbers.GetValueOrDefault(e.Source);
            numbers[e.Id] = build.Numeric(e.Id, i =>
                source is null || double.IsNaN(source[i]) ? (double.NaN, $"source endpoint '{e.Source}' missing") : (e.IsResponse(source[i]) ? 1 : 0, null));
        }
        foreach (var covariate in protocol.BaselineCovariates)
        {
            switch (covariate)
            {
                case ObservationCovariate v:
                {
                    var stats = Window(c, v.Loinc, v.Unit, v.Window, v.Statistic, null, cut, unconvertible);
                    build.Numeric(v.Id, i => WindowValue(stats, rows[i].Id, v.MinReadings, v.Window, ""));
                    break;
                }
                case TimeInRangeCovariate v:
                {
                    var stats = Window(c, v.Loinc, v.Unit, v.Window, WindowStatistic.Mean, v.Range, cut, unconvertible);
                    build.Numeric(v.Id, i => TimeInRange(stats, rows[i].Id, v.Loinc, v.Window, v.MinCoverage));
                    break;
                }
                case DemographicCovariate { Field: DemographicField.Sex } v:
                    build.Categorical(v.Id, rows.Select(r => r.Sex).ToArray(), "sex not recorded");
                    break;
                case DemographicCovariate v:
                    build.Numeric(v.Id, i => (rows[i].Age, null));
                    break;
            }
        }

        var table = new SiteTable(trial.SiteNumber, build.Columns);
        return new DerivationResult(new SiteDataset(table, [.. rows.Select(r => r.Id)]), build.Reports, withdrawn, unconvertible);
    }

    private sealed record BaseRow(string Id, string Arm, double Age, string? Sex, IReadOnlyDictionary<string, string> Strata);

    private static int CreateBase(DuckDBConnection c, string trialId, DateTime cut)
    {
        Execute(c, """
            CREATE OR REPLACE TEMP TABLE latest_consent AS
                SELECT participant_id, arg_max(action, happened_at) AS action
                FROM consents WHERE trial_id = $trial AND happened_at <= $cut GROUP BY participant_id;
            CREATE OR REPLACE TEMP TABLE base AS
                SELECT r.participant_id, r.arm, r.age_years, r.sex, r.strata_json, CAST(r.randomized_at AS DATE) AS rand_date
                FROM randomizations r LEFT JOIN latest_consent l USING (participant_id)
                WHERE r.trial_id = $trial AND r.randomized_at <= $cut AND coalesce(l.action, 'grant') <> 'withdraw';
            """, ("trial", trialId), ("cut", cut));
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT count(*) FROM randomizations r JOIN latest_consent l USING (participant_id)
            WHERE r.trial_id = $trial AND r.randomized_at <= $cut AND l.action = 'withdraw'
            """;
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        cmd.Parameters.Add(new DuckDBParameter("cut", cut));
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<BaseRow> ReadBase(DuckDBConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT participant_id, arm, age_years, sex, strata_json FROM base ORDER BY participant_id";
        using var r = cmd.ExecuteReader();
        var rows = new List<BaseRow>();
        while (r.Read())
        {
            var strata = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(4)) ?? [];
            rows.Add(new BaseRow(r.GetString(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3), strata));
        }
        return rows;
    }

    private sealed record WindowStats(long Readings, long Days, double Value, long InRange);

    /// <summary>Per participant: readings, distinct days, the statistic, and readings within <paramref name="range"/>.</summary>
    private Dictionary<string, WindowStats> Window(DuckDBConnection c, string loinc, string unit, DayWindow window, WindowStatistic statistic,
        ValueRange? range, DateTime cut, Dictionary<string, long> unconvertible)
    {
        Conversions(c, loinc, unit, unconvertible);
        var aggregate = statistic switch
        {
            WindowStatistic.Mean => "avg(v)",
            WindowStatistic.Median => "median(v)",
            WindowStatistic.Min => "min(v)",
            WindowStatistic.Max => "max(v)",
            _ => "arg_max(v, t)",
        };
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT participant_id, count(*) AS n, count(DISTINCT day) AS days, {aggregate} AS value,
                   count(*) FILTER (WHERE v BETWEEN $low AND $high) AS in_range
            FROM (
                SELECT b.participant_id, o.value * k.scale + k.shift AS v, o.effective_time AS t,
                       date_diff('day', b.rand_date, CAST(o.effective_time AS DATE)) AS day
                FROM base b
                JOIN observations o ON o.participant_id = b.participant_id
                JOIN conversions k ON k.unit = o.unit
                WHERE o.loinc = $loinc AND o.effective_time <= $cut
            )
            WHERE day BETWEEN $start AND $end
            GROUP BY participant_id
            """;
        cmd.Parameters.Add(new DuckDBParameter("loinc", loinc));
        cmd.Parameters.Add(new DuckDBParameter("cut", cut));
        cmd.Parameters.Add(new DuckDBParameter("start", window.StartDay));
        cmd.Parameters.Add(new DuckDBParameter("end", window.EndDay));
        cmd.Parameters.Add(new DuckDBParameter("low", range?.Low ?? double.NegativeInfinity));
        cmd.Parameters.Add(new DuckDBParameter("high", range?.High ?? double.PositiveInfinity));
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, WindowStats>(StringComparer.Ordinal);
        while (r.Read())
            result[r.GetString(0)] = new WindowStats(r.GetInt64(1), r.GetInt64(2), r.GetDouble(3), r.GetInt64(4));
        return result;
    }

    /// <summary>Fills the temp table <c>conversions</c> with how each stored unit of <paramref name="loinc"/> becomes <paramref name="unit"/>.</summary>
    private void Conversions(DuckDBConnection c, string loinc, string unit, Dictionary<string, long> unconvertible)
    {
        var units = new List<(string Unit, long Count)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT unit, count(*) FROM observations WHERE loinc = $loinc GROUP BY unit";
            cmd.Parameters.Add(new DuckDBParameter("loinc", loinc));
            using var r = cmd.ExecuteReader();
            while (r.Read()) units.Add((r.GetString(0), r.GetInt64(1)));
        }
        Execute(c, "CREATE OR REPLACE TEMP TABLE conversions (unit VARCHAR, scale DOUBLE, shift DOUBLE)");
        using var appender = c.CreateAppender("temp", "main", "conversions");
        foreach (var (from, count) in units)
        {
            var factor = from == unit ? (1.0, 0.0) : convert?.Invoke(loinc, from, unit);
            if (factor is { } f)
                appender.CreateRow().AppendValue(from).AppendValue(f.Scale).AppendValue(f.Offset).EndRow();
            else
                unconvertible[$"{loinc} {from}"] = count;
        }
    }

    private static (double Value, string? Reason) WindowValue(Dictionary<string, WindowStats> stats, string participant, int minReadings, DayWindow window, string label)
    {
        if (!stats.TryGetValue(participant, out var s)) return (double.NaN, $"{label}no readings in {window}");
        if (s.Readings < minReadings) return (double.NaN, $"{label}fewer than {minReadings} readings in {window}");
        return (s.Value, null);
    }

    private static (double Value, string? Reason) TimeInRange(Dictionary<string, WindowStats> stats, string participant, string loinc, DayWindow window, double minCoverage)
    {
        if (!stats.TryGetValue(participant, out var s)) return (double.NaN, $"no readings in {window}");
        var days = window.EndDay - window.StartDay + 1;
        var coverage = ExpectedReadingsPerDay.TryGetValue(loinc, out var perDay) ? s.Readings / (perDay * days) : (double)s.Days / days;
        if (coverage < minCoverage) return (double.NaN, $"coverage below {(minCoverage * 100).ToString("0.#", CultureInfo.InvariantCulture)}% in {window}");
        return (100.0 * s.InRange / s.Readings, null);
    }

    private (double Time, double Event)[] TimeToEvent(DuckDBConnection c, TimeToEventEndpoint endpoint, DateTime cut)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)> { ("cut", cut) };
        var countsDeath = false;
        for (var i = 0; i < endpoint.Events.Length; i++)
        {
            var code = endpoint.Events[i];
            var system = code.System switch { CodeSystem.Icd10 => "icd10", CodeSystem.Snomed => "snomed", _ => "loinc" };
            if (code.System == CodeSystem.Icd10)
            {
                conditions.Add($"(e.system = 'icd10' AND replace(upper(e.code), '.', '') LIKE $code{i} || '%')");
                parameters.Add(($"code{i}", code.Code.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()));
            }
            else
            {
                conditions.Add($"(e.system = '{system}' AND e.code = $code{i})");
                parameters.Add(($"code{i}", code.Code));
            }
            countsDeath |= code.System == CodeSystem.Snomed && code.Code == DeathCode;
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            WITH ev AS (
                SELECT e.participant_id, e.effective_time AS t FROM clinical_events e
                WHERE e.effective_time <= $cut AND ({string.Join(" OR ", conditions)})
                UNION ALL
                SELECT participant_id, deceased_time FROM participants
                WHERE {(countsDeath ? "TRUE" : "FALSE")} AND deceased_time IS NOT NULL AND deceased_time <= $cut
            ),
            first_event AS (
                SELECT b.participant_id, min(date_diff('day', b.rand_date, CAST(ev.t AS DATE))) AS d
                FROM base b JOIN ev USING (participant_id)
                WHERE CAST(ev.t AS DATE) >= b.rand_date
                GROUP BY b.participant_id
            ),
            contact AS (
                SELECT b.participant_id, max(date_diff('day', b.rand_date, CAST(x.t AS DATE))) AS d
                FROM base b JOIN (
                    SELECT participant_id, effective_time AS t FROM observations WHERE effective_time <= $cut
                    UNION ALL SELECT participant_id, effective_time FROM clinical_events WHERE effective_time <= $cut
                    UNION ALL SELECT participant_id, deceased_time FROM participants WHERE deceased_time <= $cut
                ) x USING (participant_id)
                WHERE CAST(x.t AS DATE) >= b.rand_date
                GROUP BY b.participant_id
            )
            SELECT b.participant_id, f.d, k.d FROM base b
            LEFT JOIN first_event f USING (participant_id) LEFT JOIN contact k USING (participant_id)
            ORDER BY b.participant_id
            """;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        using var r = cmd.ExecuteReader();
        var maxFollowUp = endpoint.Censoring.MaxFollowUpDays;
        var result = new List<(double, double)>();
        while (r.Read())
        {
            long? eventDay = r.IsDBNull(1) ? null : r.GetInt64(1);
            var contactDay = r.IsDBNull(2) ? 0 : r.GetInt64(2);
            result.Add(eventDay is { } d && d + 1 <= maxFollowUp
                ? (d + 1, 1)
                : (Math.Min(contactDay + 1, maxFollowUp), 0));
        }
        return [.. result];
    }

    private static void Execute(DuckDBConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Collects columns and their reports in definition order.</summary>
    private sealed class Build(int count)
    {
        public List<Column> Columns { get; } = [];
        public List<ColumnReport> Reports { get; } = [];

        public double[] Numeric(string name, Func<int, (double Value, string? Reason)> value)
        {
            var values = new double[count];
            var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var (v, reason) = value(i);
                values[i] = v;
                if (double.IsNaN(v)) missing[reason ?? "missing"] = missing.GetValueOrDefault(reason ?? "missing") + 1;
            }
            Columns.Add(Column.FromNumbers(name, values));
            Reports.Add(new ColumnReport(name, count - missing.Values.Sum(), missing.ToImmutableSortedDictionary(StringComparer.Ordinal)));
            return values;
        }

        public void Categorical(string name, string?[] values, string reason)
        {
            var missing = values.Count(v => v is null);
            Columns.Add(Column.FromStrings(name, values));
            Reports.Add(new ColumnReport(name, count - missing,
                missing == 0 ? ImmutableSortedDictionary<string, int>.Empty : ImmutableSortedDictionary<string, int>.Empty.Add(reason, missing)));
        }
    }
}
