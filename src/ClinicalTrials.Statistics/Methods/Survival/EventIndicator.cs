using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>Reads an event indicator: a 0/1 (or TRUE/FALSE) column, or a column and the value that counts as the event.</summary>
internal static class EventIndicator
{
    /// <summary>True when <paramref name="row"/> is an event; a 0/1 column holding anything else is an <see cref="AnalysisException"/>.</summary>
    public static bool IsEvent(Column column, OutcomeSpec spec, int row, int site)
    {
        var key = column.Key(row)!;
        if (spec.Event is not null) return key == spec.Event;
        return key switch
        {
            "1" or "TRUE" => true,
            "0" or "FALSE" => false,
            // R's Surv would read a 1/2 column as 2 = event, but only when it sees all rows; a site cannot
            // tell a 1/2 coding from a 0/1 column whose rows are all events, so the SAP must say which.
            _ => throw new AnalysisException(
                $"site {site}: event column '{spec.Name}' must hold 0/1 (or TRUE/FALSE) but holds '{key}'; " +
                $"name the event value instead, e.g. {{\"name\": \"{spec.Name}\", \"event\": {key}}}"),
        };
    }
}
