using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Statistics.Data;

/// <summary>
/// A model's design matrix on one site's complete cases, with R's column names: <c>(Intercept)</c>,
/// a numeric term's name, a factor's name followed by each non-reference level (treatment
/// contrasts), and <c>site2…siteK</c> when site enters as a fixed-effect factor.
/// Rows whose factor value is not among the spec's levels are not used (R makes them NA).
/// </summary>
public sealed class DesignMatrix
{
    private DesignMatrix(string[] names, int[] rows, double[] values)
    {
        Names = names;
        Rows = rows;
        _values = values;
    }

    private readonly double[] _values;

    /// <summary>Column names, R style.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The table rows used, in order.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>Number of columns.</summary>
    public int P => Names.Count;

    /// <summary>Number of rows used.</summary>
    public int N => Rows.Count;

    /// <summary>Row <paramref name="i"/> (of <see cref="N"/>) as a span of <see cref="P"/> values.</summary>
    public ReadOnlySpan<double> Row(int i) => _values.AsSpan(i * P, P);

    /// <summary>Column names a spec's terms produce, without data (for coordinators and reports).</summary>
    public static string[] ColumnNames(IReadOnlyList<TermSpec> terms, bool intercept, IReadOnlyList<int>? siteFactor)
    {
        var names = new List<string>();
        if (intercept) names.Add("(Intercept)");
        foreach (var t in terms)
        {
            if (t.Type == TermType.Numeric) names.Add(t.Name);
            else
            {
                var levels = t.Levels ?? throw new AnalysisException($"factor term '{t.Name}' needs levels");
                names.AddRange(levels.Skip(1).Select(l => t.Name + l));
            }
        }
        if (siteFactor is not null)
            names.AddRange(siteFactor.Order().Skip(1).Select(s => "site" + s));
        return names.ToArray();
    }

    /// <summary>
    /// Builds the matrix on the rows complete in <paramref name="extraVariables"/> and the terms.
    /// </summary>
    public static DesignMatrix Build(
        SiteTable table,
        IReadOnlyList<TermSpec> terms,
        bool intercept,
        IEnumerable<string> extraVariables,
        IReadOnlyList<int>? siteFactor = null)
    {
        var names = ColumnNames(terms, intercept, siteFactor);
        var complete = table.CompleteCases(extraVariables.Concat(terms.Select(t => t.Name)));
        var cols = terms.Select(t => table[t.Name]).ToArray();
        foreach (var (t, c) in terms.Zip(cols))
            if (t.Type == TermType.Numeric && !c.IsNumeric)
                throw new AnalysisException($"site {table.Site}: term '{t.Name}' is numeric in the SAP but the column holds text");
        var levelIndex = terms.Select(t => t.Type == TermType.Factor
            ? t.Levels!.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal)
            : null).ToArray();
        var sites = siteFactor?.Order().ToArray();
        var siteIndex = sites is null ? -1 : Array.IndexOf(sites, table.Site);
        if (sites is not null && siteIndex < 0)
            throw new AnalysisException($"site {table.Site} is not among the sites of the site factor");

        var p = names.Length;
        var rows = new List<int>(complete.Length);
        var values = new List<double>(complete.Length * p);
        var row = new double[p];
        foreach (var r in complete)
        {
            Array.Clear(row);
            var j = 0;
            var ok = true;
            if (intercept) row[j++] = 1;
            for (var k = 0; k < terms.Count && ok; k++)
            {
                if (terms[k].Type == TermType.Numeric) { row[j++] = cols[k].Number(r); continue; }
                var levels = terms[k].Levels!;
                if (!levelIndex[k]!.TryGetValue(cols[k].Key(r)!, out var li)) { ok = false; break; }
                if (li > 0) row[j + li - 1] = 1;
                j += levels.Count - 1;
            }
            if (!ok) continue;
            if (sites is not null && siteIndex > 0) row[j + siteIndex - 1] = 1;
            rows.Add(r);
            values.AddRange(row);
        }
        return new DesignMatrix(names, rows.ToArray(), values.ToArray());
    }
}
