namespace ClinicalTrials.Statistics.Engine;

/// <summary>One round: the size of each site's aggregate in bytes.</summary>
public sealed record RoundLog(int Round, IReadOnlyList<long> AggregateBytes);
