using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Tests.Support;

/// <summary>Re-cuts sites for invariance properties: relabel a site, or split one in two.</summary>
public static class SiteTables
{
    public static SiteTable Relabel(SiteTable table, int site) =>
        new(site, table.ColumnNames.Where(n => n != "site").Select(n => table[n]));

    public static SiteTable Subset(SiteTable table, int site, IReadOnlyList<int> rows) =>
        new(site, table.ColumnNames.Where(n => n != "site").Select(n => Take(table[n], rows)));

    private static Column Take(Column c, IReadOnlyList<int> rows) => c.IsNumeric
        ? Column.FromNumbers(c.Name, rows.Select(c.Number).ToArray())
        : Column.FromStrings(c.Name, rows.Select(c.Key).ToArray());
}
