namespace ClinicalTrials.Statistics.Methods.Logrank;

/// <summary>
/// A site's log-rank score over its own rows (one stratum): observed and expected events per level
/// and the hypergeometric variance matrix of O − E. No event time leaves the site.
/// </summary>
public sealed record LogrankStratumScore
{
    /// <summary>The levels, in the order of the arrays.</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>Rows per level.</summary>
    public required IReadOnlyList<int> N { get; init; }

    /// <summary>Observed events per level.</summary>
    public required IReadOnlyList<double> Observed { get; init; }

    /// <summary>Expected events per level under equal hazards.</summary>
    public required IReadOnlyList<double> Expected { get; init; }

    /// <summary>Variance matrix of O − E, row by row.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Variance { get; init; }
}
