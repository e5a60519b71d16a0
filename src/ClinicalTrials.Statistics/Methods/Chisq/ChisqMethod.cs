using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>
/// Pearson's chi-square test of independence on the pooled contingency table, with Yates'
/// correction for 2×2 tables when asked (R: <c>YATES = min(0.5, |O − E|)</c> over all cells).
/// Values outside given levels are not counted (R's <c>factor</c> makes them NA).
/// </summary>
public sealed class ChisqMethod : FederatedMethod<ChisqSpec, ChisqAggregate>
{
    /// <summary>Rule name of <see cref="DisclosureRules.MinCellCount"/>.</summary>
    public const string MinCellCountRule = "min_cell_count";

    /// <inheritdoc />
    public override string Type => "chisq";

    /// <inheritdoc />
    protected override ChisqAggregate SiteStep(SiteTable data, ChisqSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var row = data[spec.Row];
        var col = data[spec.Col];
        var counts = new Dictionary<(string, string), long>();
        foreach (var r in data.CompleteCases(spec.Variables()))
        {
            var key = (row.Key(r)!, col.Key(r)!);
            if (spec.RowLevels is not null && !spec.RowLevels.Contains(key.Item1)) continue;
            if (spec.ColLevels is not null && !spec.ColLevels.Contains(key.Item2)) continue;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        foreach (var ((rl, cl), n) in counts)
            if (n < rules.MinCellCount)
                throw new DisclosureRefusedException(data.Site, MinCellCountRule,
                    $"the cell {spec.Row} = '{rl}', {spec.Col} = '{cl}' holds {n} row(s), fewer than the minimum cell count of {rules.MinCellCount}");
        return new ChisqAggregate(counts
            .OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => new ChisqCell(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList());
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(ChisqSpec spec, RoundRequest request, IReadOnlyList<(int Site, ChisqAggregate Aggregate)> aggregates)
    {
        var cells = aggregates.SelectMany(a => a.Aggregate.Cells).ToList();
        var rows = spec.RowLevels ?? Levels.Merge([cells.Select(c => c.Row)]);
        var cols = spec.ColLevels ?? Levels.Merge([cells.Select(c => c.Col)]);
        if (rows.Count < 2 || cols.Count < 2)
            throw new AnalysisException($"chisq '{spec.Id}': the table of {spec.Row} by {spec.Col} has {rows.Count}×{cols.Count} levels; at least 2×2 are needed");
        var o = new double[rows.Count, cols.Count];
        var ri = rows.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        var ci = cols.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        foreach (var c in cells) o[ri[c.Row], ci[c.Col]] += c.Count;

        var rowSum = new double[rows.Count];
        var colSum = new double[cols.Count];
        var n = 0.0;
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < cols.Count; j++) { rowSum[i] += o[i, j]; colSum[j] += o[i, j]; n += o[i, j]; }
        if (n == 0) throw new AnalysisException($"chisq '{spec.Id}': no complete observations of {spec.Row} and {spec.Col}");

        var expected = new double[rows.Count, cols.Count];
        var yates = 0.0;
        if (spec.Correct && rows.Count == 2 && cols.Count == 2)
        {
            yates = 0.5;
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 2; j++) yates = Math.Min(yates, Math.Abs(o[i, j] - rowSum[i] * colSum[j] / n));
        }
        var statistic = 0.0;
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < cols.Count; j++)
            {
                var e = rowSum[i] * colSum[j] / n;
                var d = Math.Abs(o[i, j] - e) - yates;
                statistic += d * d / e;
            }
        var df = (rows.Count - 1.0) * (cols.Count - 1.0);
        var observed = rows.ToDictionary(r => r, r => (IReadOnlyDictionary<string, long>)cols.ToDictionary(c => c, c => (long)o[ri[r], ci[c]]));
        return Done(new ChisqResult(statistic, df, Probability.ChiSquareUpper(statistic, df), observed));
    }
}
