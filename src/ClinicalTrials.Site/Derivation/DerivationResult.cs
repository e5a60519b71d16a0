using System.Globalization;
using ClinicalTrials.Site.Answering;

namespace ClinicalTrials.Site.Derivation;

/// <summary>A derived dataset with the report of how each column was filled. Site-internal: it names no participant, but stays at the site.</summary>
/// <param name="Dataset">One row per randomized participant whose consent stands, with the participant of each row.</param>
/// <param name="Columns">One report per derived column, in the protocol's derived-dataset order (<c>site</c> excepted).</param>
/// <param name="ExcludedWithdrawn">Randomized participants left out because their consent is withdrawn at the cut-off.</param>
/// <param name="UnconvertibleReadings">The population's readings of a needed code whose unit could not be converted to the endpoint's, by <c>loinc unit</c>; they were not used.</param>
/// <param name="RandomizedAfterCutoff">Participants left out because they were randomized after the cut-off.</param>
public sealed record DerivationResult(
    SiteDataset Dataset,
    IReadOnlyList<ColumnReport> Columns,
    int ExcludedWithdrawn,
    IReadOnlyDictionary<string, long> UnconvertibleReadings,
    int RandomizedAfterCutoff = 0)
{
    /// <summary>The report for a data manager, one line each: rows, exclusions, unusable units, then every column.</summary>
    public IEnumerable<string> ReportLines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{Dataset.Table.RowCount} participants; left out: {ExcludedWithdrawn} withdrawn, {RandomizedAfterCutoff} randomized after the cut-off");
        foreach (var (key, count) in UnconvertibleReadings)
            yield return string.Create(CultureInfo.InvariantCulture, $"{count} readings of {key} not used: unit not convertible to the endpoint's");
        foreach (var c in Columns) yield return c.ToString();
    }
}
