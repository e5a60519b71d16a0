using System.Collections.Immutable;

namespace ClinicalTrials.Site.Randomization;

/// <summary>A stratification factor other than the site, with its levels in protocol order.</summary>
/// <param name="Name">The factor's name (a derived-dataset column).</param>
/// <param name="Levels">Its levels.</param>
public sealed record StratumFactor(string Name, ImmutableArray<string> Levels);
