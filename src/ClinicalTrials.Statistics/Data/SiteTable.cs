using System.Collections.Frozen;

namespace ClinicalTrials.Statistics.Data;

/// <summary>
/// A site's own rows, column-oriented. It never leaves the site: only aggregates computed from it do.
/// The variable <c>site</c> is the site number, whether or not a column of that name exists.
/// </summary>
public sealed class SiteTable
{
    private readonly FrozenDictionary<string, Column> _columns;

    /// <summary>Creates a table; every column must have the same length.</summary>
    public SiteTable(int site, IEnumerable<Column> columns)
    {
        Site = site;
        var list = columns.ToList();
        RowCount = list.Count == 0 ? 0 : list[0].Length;
        foreach (var c in list)
            if (c.Length != RowCount)
                throw new ArgumentException($"column '{c.Name}' has {c.Length} rows, expected {RowCount}");
        if (!list.Any(c => c.Name == "site"))
        {
            var s = new double[RowCount];
            Array.Fill(s, site);
            list.Add(Column.FromNumbers("site", s));
        }
        _columns = list.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        ColumnNames = list.Select(c => c.Name).ToArray();
    }

    /// <summary>Site number (N of siteN).</summary>
    public int Site { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Column names in file order, then <c>site</c> if it was added.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>True when the column exists.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The named column; a missing column is an <see cref="AnalysisException"/> naming it.</summary>
    public Column this[string name] => _columns.TryGetValue(name, out var c)
        ? c
        : throw new AnalysisException($"site {Site}: no column '{name}' (columns: {string.Join(", ", ColumnNames)})");

    /// <summary>Rows where none of <paramref name="variables"/> is missing (R's complete cases on those variables).</summary>
    public int[] CompleteCases(IEnumerable<string> variables)
    {
        var cols = variables.Distinct().Select(v => this[v]).ToArray();
        var rows = new List<int>(RowCount);
        for (var i = 0; i < RowCount; i++)
        {
            var ok = true;
            foreach (var c in cols)
                if (c.IsMissing(i)) { ok = false; break; }
            if (ok) rows.Add(i);
        }
        return rows.ToArray();
    }
}
