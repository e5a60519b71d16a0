using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>
/// Pearson's chi-square test of independence, as R's <c>chisq.test</c> on the pooled table of complete
/// cases. Sites release their contingency counts; the coordinator adds them over the row and column
/// levels (the spec's, else the sorted levels observed at any site).
/// </summary>
public sealed class ChisqMethod : FederatedMethod<ChisqSpec, ChisqAggregate>
{
    /// <inheritdoc />
    public override string Type => "chisq";

    /// <inheritdoc />
    protected override ChisqAggregate SiteStep(SiteTable data, ChisqSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var rowCol = data[spec.Row];
        var colCol = data[spec.Col];
        var rowLevels = spec.RowLevels is null ? null : new HashSet<string>(spec.RowLevels, StringComparer.Ordinal);
        var colLevels = spec.ColLevels is null ? null : new HashSet<string>(spec.ColLevels, StringComparer.Ordinal);
        var counts = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var i in data.CompleteCases(spec.Variables()))
        {
            var r = rowCol.Key(i)!;
            var c = colCol.Key(i)!;
            // R makes values outside the given levels NA, and table() drops them: they never leave the site.
            if (rowLevels?.Contains(r) == false || colLevels?.Contains(c) == false) continue;
            if (!counts.TryGetValue(r, out var row)) counts[r] = row = new SortedDictionary<string, int>(StringComparer.Ordinal);
            row[c] = row.GetValueOrDefault(c) + 1;
        }
        foreach (var (r, row) in counts)
            foreach (var (c, n) in row)
                if (n < rules.MinCellCount)
                    throw new DisclosureRefusedException(data.Site, DisclosureRule.MinCellCount,
                        $"cell {spec.Row} = '{r}', {spec.Col} = '{c}' has {n} row(s); the site releases non-zero counts only of at least {rules.MinCellCount}");
        return new ChisqAggregate(counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(kv.Value, StringComparer.Ordinal),
            StringComparer.Ordinal));
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(ChisqSpec spec, RoundRequest request, IReadOnlyList<(int Site, ChisqAggregate Aggregate)> aggregates)
    {
        CheckDistinct(spec.RowLevels, "row_levels", spec.Row);
        CheckDistinct(spec.ColLevels, "col_levels", spec.Col);
        var rows = spec.RowLevels ?? Levels.Merge(aggregates.Select(a => a.Aggregate.Counts.Keys));
        var cols = spec.ColLevels ?? Levels.Merge(aggregates.Select(a => a.Aggregate.Counts.Values.SelectMany(r => r.Keys)));
        if (rows.Count < 2 || cols.Count < 2)
            throw new AnalysisException(
                $"chi-square test of '{spec.Row}' by '{spec.Col}' needs at least 2 levels of each; it has {rows.Count} row level(s) ({string.Join(", ", rows)}) and {cols.Count} column level(s) ({string.Join(", ", cols)})");

        var table = new double[rows.Count, cols.Count];
        var observed = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var line = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var j = 0; j < cols.Count; j++)
            {
                var n = 0;
                foreach (var (_, a) in aggregates)
                    if (a.Counts.TryGetValue(rows[i], out var r) && r.TryGetValue(cols[j], out var c)) n += c;
                line[cols[j]] = n;
                table[i, j] = n;
            }
            observed[rows[i]] = line;
        }
        var (statistic, df) = Pearson(table, spec.Correct);
        var p = double.IsNaN(statistic) ? double.NaN : Probability.ChiSquareUpper(statistic, df);
        return Done(new ChisqResult(statistic, df, p, observed));
    }

    private static void CheckDistinct(IReadOnlyList<string>? levels, string field, string column)
    {
        var repeated = levels?.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new AnalysisException($"chi-square test: {field} of '{column}' lists level '{repeated.Key}' more than once");
    }

    /// <summary>
    /// Pearson's X² and its df. An empty row or column makes an expected count 0 and the statistic NaN,
    /// as in R (reported as NA, with the table).
    /// </summary>
    internal static (double Statistic, int Df) Pearson(double[,] x, bool correct)
    {
        int nr = x.GetLength(0), nc = x.GetLength(1);
        var sr = new double[nr];
        var sc = new double[nc];
        var n = 0.0;
        for (var i = 0; i < nr; i++)
            for (var j = 0; j < nc; j++) { sr[i] += x[i, j]; sc[j] += x[i, j]; n += x[i, j]; }
        var e = new double[nr, nc];
        for (var i = 0; i < nr; i++)
            for (var j = 0; j < nc; j++) e[i, j] = sr[i] * sc[j] / n;

        // R: YATES <- min(0.5, abs(x - E)) over all cells, only for a 2×2 table.
        var yates = 0.0;
        if (correct && nr == 2 && nc == 2)
        {
            yates = 0.5;
            for (var i = 0; i < nr; i++)
                for (var j = 0; j < nc; j++) yates = Math.Min(yates, Math.Abs(x[i, j] - e[i, j]));
        }
        var statistic = 0.0;
        for (var i = 0; i < nr; i++)
            for (var j = 0; j < nc; j++)
            {
                var d = Math.Abs(x[i, j] - e[i, j]) - yates;
                statistic += d * d / e[i, j];
            }
        return (statistic, (nr - 1) * (nc - 1));
    }
}
