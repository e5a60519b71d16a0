using System.Globalization;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Tests.Regression;

/// <summary>Small in-memory site tables for the regression tests.</summary>
internal static class RegressionTables
{
    /// <summary>A table of numeric columns.</summary>
    public static SiteTable Numeric(int site, params (string Name, double[] Values)[] columns) =>
        new(site, columns.Select(c => Column.FromNumbers(c.Name, c.Values)));

    /// <summary>Splits the rows of numeric columns round-robin over <paramref name="sites"/> sites.</summary>
    public static IReadOnlyList<SiteTable> Split(int sites, params (string Name, double[] Values)[] columns) =>
        Enumerable.Range(1, sites).Select(s => Numeric(s, columns
            .Select(c => (c.Name, c.Values.Where((_, i) => i % sites == s - 1).ToArray())).ToArray())).ToList();

    /// <summary>All rows of <paramref name="tables"/> as one site (site 1), keeping the values' text.</summary>
    public static SiteTable Pool(IReadOnlyList<SiteTable> tables)
    {
        var names = tables[0].ColumnNames.Where(n => n != "site").ToList();
        return new SiteTable(1, names.Select(n =>
            Column.FromText(n, tables.SelectMany(t => Enumerable.Range(0, t.RowCount).Select(i => t[n].Key(i))).ToList())));
    }

    /// <summary>The same table with <paramref name="column"/> transformed.</summary>
    public static SiteTable Map(SiteTable table, string column, Func<double, double> f) =>
        new(table.Site, table.ColumnNames.Select(n => n == column
            ? Column.FromNumbers(n, Enumerable.Range(0, table.RowCount).Select(i => f(table[n].Number(i))).ToArray())
            : table[n]));

    public static string Text(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The exception a site step threw inside <see cref="Engine.FederatedEngine"/>, which runs sites in
    /// parallel and so reports it wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    public static T SiteError<T>(Action run)
        where T : Exception
    {
        var e = Record.Exception(run);
        if (e is AggregateException a && a.InnerExceptions.Count > 0) e = a.InnerExceptions[0];
        return Assert.IsAssignableFrom<T>(e);
    }
}
