using System.Globalization;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// Every window aggregate the protocol asks of one LOINC code's readings in one unit, computed
/// set-based in two steps: one pass over the code's readings reduces them to a row per participant
/// and UTC date (usable and unusable counts, sum, min, max, counts within each range — readings
/// converted to the unit on the way), and the windows are then aggregated from those daily rows
/// joined to the population. A CGM code read by three columns is thus scanned once, and the window
/// arithmetic runs on ~100 rows per participant instead of ~29,000. Median and last need the
/// readings themselves, so they alone take a second pass (over the windows that ask for them).
/// A reading whose unit cannot be converted has <c>v</c> NULL: it is unusable and enters no statistic.
/// </summary>
internal sealed class WindowScan(string loinc, string unit)
{
    private readonly List<string> _daily = [];      // per-day aggregates, named d0, d1, …
    private readonly List<string> _windowed = [];   // aggregates of the daily rows
    private readonly List<string> _raw = [];        // aggregates of the readings themselves
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<(bool Raw, int Index, bool IsCount)> _slotSource = [];
    private double[][] _values = [];
    private int _firstDay = int.MaxValue, _lastDay = int.MinValue;
    private int _firstRawDay = int.MaxValue, _lastRawDay = int.MinValue;

    public string Loinc => loinc;

    public string Unit => unit;

    /// <summary>Usable and unusable readings in <paramref name="window"/>.</summary>
    public WindowReadings Readings(DayWindow window) => new(this, window,
        Windowed(window, $"sum({Daily("count(v)")}) FILTER (WHERE {In(window)})", isCount: true),
        Windowed(window, $"sum({Daily("count(*) - count(v)")}) FILTER (WHERE {In(window)})", isCount: true));

    /// <summary>The slot of <paramref name="statistic"/> of the usable readings in <paramref name="window"/>.</summary>
    public int Statistic(DayWindow window, WindowStatistic statistic) => statistic switch
    {
        WindowStatistic.Mean => Windowed(window,
            $"sum({Daily("sum(v)")}) FILTER (WHERE {In(window)}) / nullif(sum({Daily("count(v)")}) FILTER (WHERE {In(window)}), 0)"),
        WindowStatistic.Min => Windowed(window, $"min({Daily("min(v)")}) FILTER (WHERE {In(window)})"),
        WindowStatistic.Max => Windowed(window, $"max({Daily("max(v)")}) FILTER (WHERE {In(window)})"),
        // DuckDB's median averages the middle two of an even count.
        WindowStatistic.Median => Raw(window, $"median(v) FILTER (WHERE v IS NOT NULL AND {In(window)})"),
        // The latest reading; readings at the same instant give the larger value, so the result
        // does not depend on storage order.
        _ => Raw(window, $"arg_max(v, {{'t': t, 'v': v}}) FILTER (WHERE v IS NOT NULL AND {In(window)})"),
    };

    /// <summary>The slot of the count of usable readings in <paramref name="window"/> within <paramref name="range"/> (inclusive).</summary>
    public int InRange(DayWindow window, ValueRange range) => Windowed(window,
        $"sum({Daily($"count(*) FILTER (WHERE v BETWEEN {StoreSql.Literal(range.Low)} AND {StoreSql.Literal(range.High)})")}) FILTER (WHERE {In(window)})", isCount: true);

    /// <summary>The slot of the number of days in <paramref name="window"/> with at least one usable reading.</summary>
    public int Days(DayWindow window)
    {
        var n = Daily("count(v)");
        return Windowed(window, $"count(*) FILTER (WHERE {n} > 0 AND {In(window)})", isCount: true);
    }

    /// <summary>An aggregate of a row (participant) once <see cref="Run"/> has run; NaN when it has no value.</summary>
    public double Value(int slot, int row) => _values[slot][row];

    /// <summary>
    /// Runs the scan. <paramref name="conversions"/> lists the stored units whose readings are usable,
    /// with <c>value × Scale + Offset</c> giving this scan's unit; readings in any other unit are
    /// unusable. <paramref name="allUsable"/> says there are no others.
    /// </summary>
    public void Run(DuckDBConnection c, DateTime cut, Dictionary<string, int> rows, IReadOnlyList<(string Unit, double Scale, double Offset)> conversions, bool allUsable)
    {
        _values = _slotSource.Select(s => s.IsCount ? new double[rows.Count] : Filled(rows.Count)).ToArray();
        var parameters = new List<(string, object?)> { ("loinc", loinc), ("cut", cut) };
        var branches = conversions.Select((k, i) =>
        {
            parameters.Add(($"u{i}", k.Unit));
            var value = k is { Scale: 1, Offset: 0 } ? "value" : $"value * {StoreSql.Literal(k.Scale)} + {StoreSql.Literal(k.Offset)}";
            return $"WHEN unit = $u{i} THEN {value}";
        }).ToList();
        // Usually every reading is in the definition's unit: then there is nothing to convert or
        // test, which spares a string comparison per reading.
        var v = conversions is [{ Scale: 1, Offset: 0 }] && allUsable ? "value"
            : branches.Count == 0 ? "CAST(NULL AS DOUBLE)"
            : $"CASE {string.Join(" ", branches)} END";
        var readings = $"SELECT participant_id, effective_time AS t, {v} AS v FROM observations WHERE loinc = $loinc AND effective_time <= $cut";

        if (_windowed.Count > 0)
        {
            Read(c, $"""
                WITH daily AS (
                    SELECT participant_id, CAST(t AS DATE) AS date, {string.Join(", ", _daily.Select((a, i) => $"{a} AS d{i}"))}
                    FROM ({readings})
                    GROUP BY participant_id, CAST(t AS DATE)
                )
                SELECT participant_id, {string.Join(", ", _windowed.Select(a => $"CAST({a} AS DOUBLE)"))}
                FROM (
                    SELECT d.*, date_diff('day', b.rand_date, d.date) AS day
                    FROM daily d JOIN derive_base b ON b.participant_id = d.participant_id
                )
                WHERE day BETWEEN {StoreSql.Literal(_firstDay)} AND {StoreSql.Literal(_lastDay)}
                GROUP BY participant_id
                """, parameters, rows, raw: false);
        }
        if (_raw.Count > 0)
        {
            Read(c, $"""
                SELECT participant_id, {string.Join(", ", _raw.Select(a => $"CAST({a} AS DOUBLE)"))}
                FROM (
                    SELECT r.participant_id, r.t, r.v, date_diff('day', b.rand_date, CAST(r.t AS DATE)) AS day
                    FROM ({readings}) r JOIN derive_base b ON b.participant_id = r.participant_id
                )
                WHERE day BETWEEN {StoreSql.Literal(_firstRawDay)} AND {StoreSql.Literal(_lastRawDay)}
                GROUP BY participant_id
                """, parameters, rows, raw: true);
        }
    }

    private void Read(DuckDBConnection c, string sql, List<(string, object?)> parameters, Dictionary<string, int> rows, bool raw)
    {
        var slots = Enumerable.Range(0, _slotSource.Count).Where(s => _slotSource[s].Raw == raw).ToArray();
        using var cmd = StoreSql.Command(c, sql, [.. parameters]);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            // A participant without readings has no row, and a sum over no day is NULL: counts stay 0.
            var row = rows[r.GetString(0)];
            foreach (var s in slots)
                if (!(r.IsDBNull(_slotSource[s].Index + 1) && _slotSource[s].IsCount))
                    _values[s][row] = StoreSql.Double(r, _slotSource[s].Index + 1);
        }
    }

    /// <summary>The column name of a per-day aggregate (added on first use).</summary>
    private string Daily(string aggregate)
    {
        var i = _daily.IndexOf(aggregate);
        if (i < 0)
        {
            _daily.Add(aggregate);
            i = _daily.Count - 1;
        }
        return $"d{i}";
    }

    private int Windowed(DayWindow window, string aggregate, bool isCount = false)
    {
        _firstDay = Math.Min(_firstDay, window.StartDay);
        _lastDay = Math.Max(_lastDay, window.EndDay);
        return Slot(aggregate, _windowed, raw: false, isCount);
    }

    private int Raw(DayWindow window, string aggregate)
    {
        _firstRawDay = Math.Min(_firstRawDay, window.StartDay);
        _lastRawDay = Math.Max(_lastRawDay, window.EndDay);
        return Slot(aggregate, _raw, raw: true, isCount: false);
    }

    private int Slot(string aggregate, List<string> list, bool raw, bool isCount)
    {
        var key = (raw ? "raw:" : "day:") + aggregate;
        if (_slots.TryGetValue(key, out var slot)) return slot;
        list.Add(aggregate);
        _slotSource.Add((raw, list.Count - 1, isCount));
        return _slots[key] = _slotSource.Count - 1;
    }

    private static string In(DayWindow w) =>
        string.Create(CultureInfo.InvariantCulture, $"day BETWEEN {w.StartDay} AND {w.EndDay}");

    private static double[] Filled(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
