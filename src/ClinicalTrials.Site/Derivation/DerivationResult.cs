using ClinicalTrials.Site.Answering;

namespace ClinicalTrials.Site.Derivation;

/// <summary>A derived dataset with the report of how each column was filled.</summary>
/// <param name="Dataset">One row per randomized, consenting participant.</param>
/// <param name="Columns">One report per derived column, in the protocol's order.</param>
/// <param name="ExcludedWithdrawn">Randomized participants left out because their consent is withdrawn.</param>
/// <param name="UnconvertibleReadings">Readings of a needed code whose unit could not be converted to the endpoint's, by <c>loinc unit</c>.</param>
public sealed record DerivationResult(SiteDataset Dataset, IReadOnlyList<ColumnReport> Columns, int ExcludedWithdrawn, IReadOnlyDictionary<string, long> UnconvertibleReadings);
