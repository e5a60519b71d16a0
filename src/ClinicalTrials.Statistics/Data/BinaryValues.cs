using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Statistics.Data;

/// <summary>
/// Reads a binary outcome or event indicator as 0/1: with an event value, 1 when the value's R
/// string form equals it; otherwise the column must hold 0/1 (or TRUE/FALSE, as R's
/// <c>as.numeric</c> reads a logical). One reader for logistic outcomes and survival events alike.
/// </summary>
internal static class BinaryValues
{
    /// <summary>True when <paramref name="row"/> counts as 1 (the event); <paramref name="role"/> names the column's role in messages.</summary>
    public static bool IsOne(Column column, OutcomeSpec spec, int row, int site, string role)
    {
        var key = column.Key(row);
        if (spec.Event is not null) return string.Equals(key, spec.Event, StringComparison.Ordinal);
        return key switch
        {
            "1" or "TRUE" => true,
            "0" or "FALSE" => false,
            // R's Surv would read a 1/2 column as 2 = event, but only when it sees all rows; a site cannot
            // tell a 1/2 coding from a 0/1 column whose rows are all events, so the SAP must say which.
            _ => throw new AnalysisException(
                $"site {site}: {role} '{spec.Name}' must hold 0/1 (or TRUE/FALSE) but holds '{key}'; " +
                $"name the event value instead, e.g. {{\"name\": \"{spec.Name}\", \"event\": {key}}}"),
        };
    }

    /// <summary>The 0/1 values of <paramref name="spec"/> on <paramref name="rows"/> of <paramref name="table"/>.</summary>
    public static double[] Read(SiteTable table, OutcomeSpec spec, IReadOnlyList<int> rows, string role)
    {
        var column = table[spec.Name];
        var y = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            y[i] = IsOne(column, spec, rows[i], table.Site, role) ? 1 : 0;
        return y;
    }
}
