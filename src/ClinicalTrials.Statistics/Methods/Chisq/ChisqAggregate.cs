namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>What a site releases for <c>chisq</c>: its non-zero contingency counts.</summary>
/// <param name="Counts">
/// row level → column level → count, over the site's complete cases (restricted to the spec's
/// row and column levels when it lists them); zero cells are omitted.
/// </param>
public sealed record ChisqAggregate(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts);
