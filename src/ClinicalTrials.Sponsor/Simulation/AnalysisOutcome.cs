namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>How one analysis of a simulation went.</summary>
public sealed record AnalysisOutcome(string Id, string Type, int Rounds, long MaxAggregateBytes, TimeSpan Elapsed, string? Error);
