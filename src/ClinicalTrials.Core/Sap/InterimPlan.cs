using System.Collections.Immutable;

namespace ClinicalTrials.Core.Sap;

/// <summary>Group-sequential looks at the primary analysis, with alpha spent by a spending function.</summary>
public sealed record InterimPlan
{
    /// <summary>Number of looks, the final analysis included.</summary>
    public required int Looks { get; init; }

    /// <summary>Information fraction at each look: increasing, each in (0, 1], the last 1.</summary>
    public required ImmutableArray<double> InformationFractions { get; init; }

    /// <summary>How alpha is spent over the looks.</summary>
    public required AlphaSpending SpendingFunction { get; init; }

    /// <summary>Overall two-sided alpha spent over all looks; the protocol's alpha.</summary>
    public required double Alpha { get; init; }
}
