using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// Every observation-based column's needs, gathered before any query runs: one
/// <see cref="WindowScan"/> per (LOINC code, unit), and the unit conversions they use.
/// Readings of the population in a unit that cannot be converted are counted by <c>loinc unit</c>.
/// </summary>
internal sealed class WindowPlan(UnitConversion? convert)
{
    private readonly Dictionary<(string Loinc, string Unit), WindowScan> _scans = [];

    /// <summary>Readings of a needed code that no conversion could use, by <c>loinc unit</c>.</summary>
    public SortedDictionary<string, long> Unconvertible { get; } = new(StringComparer.Ordinal);

    /// <summary>The scan of <paramref name="loinc"/> in <paramref name="unit"/> (created on first use).</summary>
    public WindowScan Scan(string loinc, string unit)
    {
        if (!_scans.TryGetValue((loinc, unit), out var scan))
            _scans[(loinc, unit)] = scan = new WindowScan(loinc, unit);
        return scan;
    }

    /// <summary>
    /// Decides, for every scan, which stored units of its code are usable (its own, or converted),
    /// counts the population's readings in the others, then runs every scan.
    /// </summary>
    public void Run(DuckDBConnection c, DateTime cut, Dictionary<string, int> rows)
    {
        var units = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var loinc in _scans.Keys.Select(k => k.Loinc).Distinct())
        {
            // Per code: a filter on one value of the dictionary-encoded column is much cheaper than an IN list.
            using var cmd = StoreSql.Command(c, "SELECT DISTINCT unit FROM observations WHERE loinc = $loinc AND effective_time <= $cut ORDER BY unit",
                ("loinc", loinc), ("cut", cut));
            using var r = cmd.ExecuteReader();
            var list = units[loinc] = [];
            while (r.Read()) list.Add(r.GetString(0));
        }
        foreach (var ((loinc, unit), scan) in _scans)
        {
            var usable = new List<(string Unit, double Scale, double Offset)>();
            foreach (var stored in units[loinc])
            {
                var factor = stored == unit ? (1.0, 0.0) : convert?.Invoke(loinc, stored, unit);
                if (factor is { } f && double.IsFinite(f.Scale) && double.IsFinite(f.Offset)) usable.Add((stored, f.Scale, f.Offset));
                else if (CountReadings(c, cut, loinc, stored) is > 0 and var count) Unconvertible[$"{loinc} {stored}"] = count;
            }
            scan.Run(c, cut, rows, usable, allUsable: usable.Count == units[loinc].Count);
        }
    }

    private static long CountReadings(DuckDBConnection c, DateTime cut, string loinc, string unit)
    {
        using var cmd = StoreSql.Command(c, """
            SELECT count(*) FROM observations o JOIN derive_base b ON b.participant_id = o.participant_id
            WHERE o.loinc = $loinc AND o.unit = $unit AND o.effective_time <= $cut
            """, ("loinc", loinc), ("unit", unit), ("cut", cut));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
