namespace ClinicalTrials.Site.Randomization;

/// <summary>The allocation cannot be committed or revealed as asked (unknown trial, a scheme permuted blocks cannot follow, nothing committed), with the reason.</summary>
public sealed class RandomizationException(string message, Exception? inner = null) : Exception(message, inner);
