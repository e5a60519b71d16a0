namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>A site's survival tables, one per group level, for pooled risk sets (Kaplan–Meier, unstratified log-rank).</summary>
public sealed record EventTimesAggregate
{
    /// <summary>One table per level that has rows at the site.</summary>
    public required IReadOnlyList<GroupEventTimes> Groups { get; init; }

    /// <summary>Width of the bins the site coarsened times to; 0 when times are exact.</summary>
    public double TimeBinWidth { get; init; }
}
