namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>A site's contingency counts (non-empty cells only).</summary>
public sealed record ChisqAggregate(IReadOnlyList<ChisqCell> Cells);
