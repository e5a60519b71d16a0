namespace ClinicalTrials.Site.Randomization;

/// <summary>An arm as the allocation sequence uses it.</summary>
/// <param name="Id">The arm id (the value of <c>arm</c>).</param>
/// <param name="Ratio">Its allocation ratio, a positive integer: a block of size s holds it Ratio × s / (Σ ratios) times.</param>
public sealed record AllocationArm(string Id, int Ratio);
