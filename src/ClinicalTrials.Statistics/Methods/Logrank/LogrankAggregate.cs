using ClinicalTrials.Statistics.Methods.Survival;

namespace ClinicalTrials.Statistics.Methods.Logrank;

/// <summary>
/// A site's log-rank aggregate: its stratum's score when stratified by site, else its survival
/// tables for pooled risk sets. Exactly one of the two is set.
/// </summary>
public sealed record LogrankAggregate
{
    /// <summary>The stratum score (stratified by site).</summary>
    public LogrankStratumScore? Stratum { get; init; }

    /// <summary>The survival tables per level (unstratified).</summary>
    public EventTimesAggregate? Tables { get; init; }
}
