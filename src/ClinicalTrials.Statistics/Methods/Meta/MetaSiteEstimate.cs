namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>A site's aggregate for a meta-analysis: its own estimate of the term and its standard error, nothing else.</summary>
public sealed record MetaSiteEstimate
{
    /// <summary>The site's estimate (a log odds ratio, log hazard ratio or coefficient).</summary>
    public required double Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    public required double StdError { get; init; }
}
