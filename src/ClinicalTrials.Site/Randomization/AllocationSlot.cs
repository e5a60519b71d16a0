namespace ClinicalTrials.Site.Randomization;

/// <summary>One entry of a stratum's allocation list.</summary>
/// <param name="Position">1-based place in the list; enrollments take them in order.</param>
/// <param name="Block">1-based number of the permuted block it belongs to.</param>
/// <param name="Arm">The arm allocated there.</param>
public sealed record AllocationSlot(int Position, int Block, string Arm);
