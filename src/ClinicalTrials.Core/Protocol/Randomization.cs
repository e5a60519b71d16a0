using System.Collections.Immutable;

namespace ClinicalTrials.Core.Protocol;

/// <summary>The allocation scheme. The allocation list's hash is committed before first enrollment.</summary>
public sealed record Randomization
{
    /// <summary>Method; permuted blocks.</summary>
    public required RandomizationMethod Method { get; init; }

    /// <summary>Block sizes drawn at random; each a multiple of the sum of the allocation ratios.</summary>
    public required ImmutableArray<int> BlockSizes { get; init; }

    /// <summary>Stratification factors; one independent block sequence per combination of levels.</summary>
    public ImmutableArray<RandomizationStratum> Strata { get; init; } = [];

    /// <summary>How the seed and allocation list are committed (e.g. their SHA-256 anchored before first enrollment).</summary>
    public required string SeedCommitment { get; init; }
}
