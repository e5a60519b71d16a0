using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// Reads a binary outcome or event indicator as 0/1: with an event value, 1 when the value's R
/// string form equals it; otherwise the column must hold 0/1 (or TRUE/FALSE, as R's
/// <c>as.numeric</c> reads a logical).
/// </summary>
internal static class BinaryValues
{
    /// <summary>The 0/1 values of <paramref name="outcome"/> on <paramref name="rows"/> of <paramref name="table"/>.</summary>
    public static double[] Read(SiteTable table, OutcomeSpec outcome, IReadOnlyList<int> rows, string role)
    {
        var column = table[outcome.Name];
        var y = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var key = column.Key(rows[i]);
            if (outcome.Event is not null)
            {
                y[i] = string.Equals(key, outcome.Event, StringComparison.Ordinal) ? 1 : 0;
                continue;
            }
            y[i] = key switch
            {
                "1" or "TRUE" => 1,
                "0" or "FALSE" => 0,
                _ => throw new AnalysisException(
                    $"site {table.Site}: {role} '{outcome.Name}' has the value '{key}'; it must be 0/1, " +
                    $"or name the event value as {{\"name\": \"{outcome.Name}\", \"event\": ...}}"),
            };
        }
        return y;
    }
}
