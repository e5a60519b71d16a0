namespace ClinicalTrials.Statistics;

/// <summary>A site's disclosure rules forbid releasing the requested aggregate; the reason says which rule and why.</summary>
public sealed class DisclosureRefusedException(int site, string rule, string reason)
    : AnalysisException($"site {site} refused ({rule}): {reason}")
{
    /// <summary>The refusing site.</summary>
    public int Site { get; } = site;

    /// <summary>The rule applied, e.g. <c>min_cell_count</c>.</summary>
    public string Rule { get; } = rule;

    /// <summary>Why, in words a site data manager can act on.</summary>
    public string Reason { get; } = reason;
}
