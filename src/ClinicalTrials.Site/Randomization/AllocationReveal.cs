using System.Collections.Immutable;

namespace ClinicalTrials.Site.Randomization;

/// <summary>
/// A site's allocation, opened at unblinding: the scheme, the seed and the lists committed before
/// the first enrollment. <see cref="AllocationSequence.Verify(AllocationReveal)"/> regenerates the
/// lists from the seed and recomputes the commitment.
/// </summary>
/// <param name="Scheme">What the lists were generated from, besides the seed.</param>
/// <param name="Seed">The 256-bit seed, 64 lowercase hex digits.</param>
/// <param name="Lists">Each stratum's list of arms, by stratum key, in position order.</param>
/// <param name="Commitment">The commitment anchored before the first enrollment (<c>sha256:…</c>).</param>
/// <param name="RevealedAt">When the site first revealed it (UTC).</param>
public sealed record AllocationReveal(
    AllocationScheme Scheme,
    string Seed,
    ImmutableSortedDictionary<string, ImmutableArray<string>> Lists,
    string Commitment,
    DateTime RevealedAt);
