using ClinicalTrials.Statistics;

namespace ClinicalTrials.Site.Policy;

/// <summary>
/// A site's own disclosure policy: the per-aggregate rules the statistics site steps apply, and the
/// stateful rules the site agent adds (the query log that refuses differencing). Defaults after
/// DataSHIELD. The sponsor cannot change it; only the site's data manager edits <c>policy.json</c>.
/// </summary>
public sealed record SitePolicy
{
    /// <summary>The defaults (min cell and subset 3, parameters ≤ 0.33 n, binned event times, differencing refused).</summary>
    public static SitePolicy Default { get; } = new();

    /// <summary>Rules checked on every aggregate.</summary>
    public DisclosureRules Disclosure { get; init; } = DisclosureRules.Default;

    /// <summary>
    /// Refuse a request whose participants differ from those of an earlier answered request by at
    /// least one but fewer than <see cref="DifferencingMinimum"/> (the two answers together would
    /// isolate those few participants).
    /// </summary>
    public bool RefuseDifferencing { get; init; } = true;

    /// <summary>Smallest allowed non-zero difference between two requests' participant sets; by default the min subset size.</summary>
    public int DifferencingMinimum => Math.Max(1, Disclosure.MinSubsetSize);
}
