using System.Collections.Immutable;

namespace ClinicalTrials.Site.Randomization;

/// <summary>The outcome of checking an <see cref="AllocationReveal"/>.</summary>
/// <param name="Problems">Everything that does not hold; empty when the reveal verifies.</param>
public sealed record AllocationVerification(ImmutableArray<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.IsEmpty;
}
