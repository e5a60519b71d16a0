using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// Derives a trial's analysis dataset — one row per randomized participant whose consent stands —
/// from the site's store, following the protocol's endpoint and covariate definitions, in DuckDB SQL.
/// The columns are exactly the protocol's <see cref="ProtocolDocument.DerivedDataset"/> (<c>site</c>
/// is the table's own), in its order; rows are in participant id order.
/// <list type="bullet">
/// <item>Rows: the trial's randomizations at or before the cut-off, less participants whose latest
/// consent action for the trial at or before the cut-off is a withdrawal (a later grant brings them
/// back; at the same instant a withdrawal outranks a grant). The data lock thus fixes the rows: a
/// withdrawal after it leaves a derivation at that lock unchanged, and excludes from every later one.</item>
/// <item><c>arm</c>, <c>age</c> and <c>sex</c> come from the randomization record and the strata from
/// its <c>strata_json</c>; a value that is not one of the protocol's levels (arms, F/M, stratum levels)
/// is missing, with the value in the reason.</item>
/// <item>Study day of a reading = its UTC date − the UTC date of randomization (randomization day is
/// day 0); windows are inclusive. Only data effective at or before the cut-off (the data lock) is used.</item>
/// <item>Window statistics: mean, median (the mean of the middle two of an even count), min, max, and
/// last = the reading with the latest effective time (the larger value if several share it). A value
/// needs the definition's <c>min_readings</c> (at least 1) usable readings, else it is missing.
/// Change from baseline = follow-up statistic − baseline statistic, each needing <c>min_readings</c>.</item>
/// <item>Units: readings in the definition's unit are used as they are; readings in another unit of
/// the same code go through the injected <see cref="UnitConversion"/> (<c>value × Scale + Offset</c>);
/// where it returns null they are not used, reported in <see cref="DerivationResult.UnconvertibleReadings"/>
/// and named in the reason of any value they leave missing. Without a conversion only identical units count.</item>
/// <item>Time in range = 100 × usable readings within [low, high] (both limits in range) / usable
/// readings in the window. It is missing when coverage is below the definition's <c>min_coverage</c>:
/// for a code of known sampling rate (<see cref="ExpectedReadingsPerDay"/>: CGM interstitial glucose
/// 99504-3 every 5 minutes = 288 a day) coverage = readings / (rate × days in the window); for any
/// other code coverage = days with at least one reading / days in the window.</item>
/// <item>Responder = 1 when the source endpoint's value meets the threshold, 0 when not, missing when
/// the source is missing.</item>
/// <item>Time to event (ADaM): time = days from the randomization date to the first qualifying event
/// on or after it, + 1, with event = 1. Without one: censored at last contact — the latest reading,
/// clinical event (any code) or recorded death at or before the cut-off — time = its day + 1, event =
/// 0; a participant never seen after randomization is censored on day 0, time 1 (a positive time, as
/// survival methods need). The time is capped at <c>max_follow_up_days</c>: an event whose time
/// would exceed it is censored at it, and so is any later contact. ICD-10 codes match at category
/// level and below, with or without the dot (<c>I50</c> matches <c>I50.9</c> and <c>I509</c>);
/// SNOMED and LOINC codes match exactly; SNOMED 419620001 (death from any cause) also matches a
/// participant's recorded date of death.</item>
/// </list>
/// Each observation code is read in one pass whatever number of columns use it (a second one only for
/// medians and last readings), reduced to daily summaries before windows are applied; the work is
/// set-based SQL in one snapshot on the derivation's own connection and temp tables, so derivations
/// may run concurrently with each other and with ingestion. 1,000 participants × 100 days of CGM
/// (28.8 million readings) derive in about a second on two cores (benchmark verb <c>derive</c>).
/// </summary>
/// <param name="store">The site's store.</param>
/// <param name="convert">Unit conversion for readings not stored in a definition's unit; null converts nothing.</param>
public sealed class EndpointDeriver(SiteStore store, UnitConversion? convert = null) : ISiteDatasets
{
    /// <summary>SNOMED CT "death" (419620001): also matched by a participant's recorded date of death.</summary>
    public const string DeathCode = "419620001";

    /// <summary>Known sampling rates of continuous monitors, readings per day by LOINC code (time in range coverage).</summary>
    public static ImmutableDictionary<string, double> ExpectedReadingsPerDay { get; } = ImmutableDictionary.CreateRange(StringComparer.Ordinal,
    [
        KeyValuePair.Create("99504-3", 288.0), // interstitial glucose by continuous monitor, every 5 minutes
    ]);

    private static readonly DateTime NoCutoff = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc />
    SiteDataset ISiteDatasets.Derive(JoinedTrial trial, DateTimeOffset? cutoff) => Derive(trial, cutoff).Dataset;

    /// <summary>Derives the dataset of <paramref name="trial"/> from data effective at or before <paramref name="cutoff"/> (all data when null).</summary>
    public DerivationResult Derive(JoinedTrial trial, DateTimeOffset? cutoff) =>
        Derive(trial.TrialId, trial.SiteNumber, trial.Protocol, cutoff);

    /// <summary>Derives the dataset of trial <paramref name="trialId"/> at site <paramref name="siteNumber"/> under <paramref name="protocol"/>.</summary>
    /// <param name="trialId">The trial id the site's randomizations and consents are recorded under.</param>
    /// <param name="siteNumber">This site's number (the table's <c>site</c> column).</param>
    /// <param name="protocol">The protocol whose definitions apply.</param>
    /// <param name="cutoff">The data lock: only data effective at or before it is used; null uses all data.</param>
    public DerivationResult Derive(string trialId, int siteNumber, ProtocolDocument protocol, DateTimeOffset? cutoff)
    {
        var cut = cutoff?.UtcDateTime ?? NoCutoff;
        using var c = store.Connect();
        // One snapshot for every query: readings ingested meanwhile cannot enter one column and not another.
        using var snapshot = c.BeginTransaction();
        var population = Population.Create(c, trialId, cut);
        var rows = population.Rows;
        var index = population.Index();
        var n = rows.Count;

        // Plan every column first (which aggregates of which readings), run the queries, then build
        // the columns; responders read their source column, whatever the definition order.
        var plan = new WindowPlan(convert);
        var build = new Dictionary<string, Func<DerivedColumn>>(StringComparer.Ordinal);
        var tte = new List<TimeToEventEndpoint>();
        var tteValues = new Dictionary<string, (double[] Time, double[] Event)>(StringComparer.Ordinal);

        build.TryAdd("arm", () => DerivedColumn.Categorical("arm", n, i =>
            Level(rows[i].Arm, protocol.Arms.Select(a => a.Id), "arm")));
        var strata = Strata(rows, protocol);
        foreach (var stratum in protocol.Randomization.Strata.Where(s => s.Name != "site"))
            build.TryAdd(stratum.Name, () => DerivedColumn.Categorical(stratum.Name, n, i => strata[i].TryGetValue(stratum.Name, out var level)
                ? level is null ? (null, "strata_json is not a JSON object of levels") : Level(level, stratum.Levels, stratum.Name)
                : (null, $"{stratum.Name} not recorded at enrollment")));

        foreach (var endpoint in protocol.Endpoints)
        {
            switch (endpoint)
            {
                case ChangeFromBaselineEndpoint e:
                {
                    var scan = plan.Scan(e.Loinc, e.Unit);
                    var (baseline, before) = (scan.Readings(e.BaselineWindow), scan.Statistic(e.BaselineWindow, e.Statistic));
                    var (followUp, after) = (scan.Readings(e.FollowUpWindow), scan.Statistic(e.FollowUpWindow, e.Statistic));
                    build.TryAdd(e.Id, () => DerivedColumn.Numeric(e.Id, n, i =>
                    {
                        var reasons = new[] { ("baseline", baseline.Shortfall(i, e.MinReadings)), ("follow-up", followUp.Shortfall(i, e.MinReadings)) }
                            .Where(r => r.Item2 is not null).Select(r => $"{r.Item1}: {r.Item2}").ToList();
                        return reasons.Count > 0 ? (double.NaN, string.Join("; ", reasons)) : (scan.Value(after, i) - scan.Value(before, i), null);
                    }));
                    break;
                }
                case MeanInWindowEndpoint e:
                    build.TryAdd(e.Id, WindowColumn(plan, n, e.Id, e.Loinc, e.Unit, e.Window, e.Statistic, e.MinReadings));
                    break;
                case TimeInRangeEndpoint e:
                    build.TryAdd(e.Id, TimeInRangeColumn(plan, n, e.Id, e.Loinc, e.Unit, e.Window, e.Range, e.MinCoverage));
                    break;
                case TimeToEventEndpoint e:
                    tte.Add(e);
                    build.TryAdd(e.TimeVariable, () => DerivedColumn.Numeric(e.TimeVariable, n, i => (tteValues[e.Id].Time[i], null)));
                    build.TryAdd(e.EventVariable, () => DerivedColumn.Numeric(e.EventVariable, n, i => (tteValues[e.Id].Event[i], null)));
                    break;
                case ResponderEndpoint e:
                    build.TryAdd(e.Id, () =>
                    {
                        var source = build.TryGetValue(e.Source, out var s) ? Memo(build, e.Source, s).Numbers : null;
                        return DerivedColumn.Numeric(e.Id, n, i => source is null || double.IsNaN(source[i])
                            ? (double.NaN, $"source endpoint '{e.Source}' missing")
                            : (e.IsResponse(source[i]) ? 1 : 0, null));
                    });
                    break;
            }
        }
        foreach (var covariate in protocol.BaselineCovariates)
        {
            switch (covariate)
            {
                case ObservationCovariate v:
                    build.TryAdd(v.Id, WindowColumn(plan, n, v.Id, v.Loinc, v.Unit, v.Window, v.Statistic, v.MinReadings));
                    break;
                case TimeInRangeCovariate v:
                    build.TryAdd(v.Id, TimeInRangeColumn(plan, n, v.Id, v.Loinc, v.Unit, v.Window, v.Range, v.MinCoverage));
                    break;
                case DemographicCovariate { Field: DemographicField.Sex } v:
                    build.TryAdd(v.Id, () => DerivedColumn.Categorical(v.Id, n, i => Level(rows[i].Sex, ["F", "M"], "sex")));
                    break;
                case DemographicCovariate v:
                    build.TryAdd(v.Id, () => DerivedColumn.Numeric(v.Id, n, i => (rows[i].Age, "age not recorded")));
                    break;
            }
        }

        plan.Run(c, cut, index);
        if (tte.Count > 0)
        {
            TimeToEvent.CreateContact(c, cut);
            foreach (var e in tte) tteValues[e.Id] = TimeToEvent.Derive(c, e, cut, index);
        }

        var columns = protocol.DerivedDataset().Names
            .Where(name => name != "site" && build.ContainsKey(name))
            .Select(name => Memo(build, name, build[name]))
            .ToList();
        var table = new SiteTable(siteNumber, columns.Select(col => col.Column));
        return new DerivationResult(
            new SiteDataset(table, [.. rows.Select(r => r.Id)]),
            [.. columns.Select(col => col.Report)],
            population.ExcludedWithdrawn,
            plan.Unconvertible.ToImmutableSortedDictionary(StringComparer.Ordinal),
            population.RandomizedAfterCutoff);
    }

    /// <summary>Builds a column once: later calls (a responder reading its source) get the same one.</summary>
    private static DerivedColumn Memo(Dictionary<string, Func<DerivedColumn>> build, string name, Func<DerivedColumn> make)
    {
        var column = make();
        build[name] = () => column;
        return column;
    }

    private static Func<DerivedColumn> WindowColumn(WindowPlan plan, int n, string id, string loinc, string unit, DayWindow window,
        WindowStatistic statistic, int minReadings)
    {
        var scan = plan.Scan(loinc, unit);
        var readings = scan.Readings(window);
        var value = scan.Statistic(window, statistic);
        return () => DerivedColumn.Numeric(id, n, i =>
            readings.Shortfall(i, minReadings) is { } reason ? (double.NaN, reason) : (scan.Value(value, i), null));
    }

    private static Func<DerivedColumn> TimeInRangeColumn(WindowPlan plan, int n, string id, string loinc, string unit, DayWindow window,
        ValueRange range, double minCoverage)
    {
        var scan = plan.Scan(loinc, unit);
        var readings = scan.Readings(window);
        var inRange = scan.InRange(window, range);
        var days = window.EndDay - window.StartDay + 1;
        var perDay = ExpectedReadingsPerDay.GetValueOrDefault(loinc);
        var daysSlot = perDay > 0 ? -1 : scan.Days(window);
        var percent = (minCoverage * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return () => DerivedColumn.Numeric(id, n, i =>
        {
            if (readings.Shortfall(i, 1) is { } reason) return (double.NaN, reason);
            var count = readings.Usable(i);
            var coverage = perDay > 0 ? count / (perDay * days) : scan.Value(daysSlot, i) / days;
            if (coverage < minCoverage)
                return (double.NaN, readings.Unusable(i) == 0
                    ? $"coverage below {percent}% in {window}"
                    : $"coverage below {percent}% in {window} (some readings in units not convertible to {unit})");
            return (100.0 * scan.Value(inRange, i) / count, null);
        });
    }

    /// <summary>The value when it is one of <paramref name="levels"/>, else missing with the reason.</summary>
    private static (string? Value, string? Reason) Level(string value, IEnumerable<string> levels, string variable)
    {
        var known = levels.ToList();
        return known.Contains(value, StringComparer.Ordinal)
            ? (value, null)
            : (null, $"{variable} '{value}' is not one of {string.Join(", ", known)}");
    }

    /// <summary>
    /// Each row's stratum levels from <c>strata_json</c> (<c>{"name": "level"}</c>); a document that
    /// is not such an object gives every stratum a null level, reported as unreadable.
    /// </summary>
    private static Dictionary<string, string?>[] Strata(IReadOnlyList<Participant> rows, ProtocolDocument protocol)
    {
        var names = protocol.Randomization.Strata.Where(s => s.Name != "site").Select(s => s.Name).ToList();
        var result = new Dictionary<string, string?>[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var levels = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (names.Count > 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(rows[i].StrataJson);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                    foreach (var p in doc.RootElement.EnumerateObject())
                        if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                            levels[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                }
                catch (JsonException)
                {
                    foreach (var name in names) levels[name] = null;
                }
            }
            result[i] = levels;
        }
        return result;
    }
}
