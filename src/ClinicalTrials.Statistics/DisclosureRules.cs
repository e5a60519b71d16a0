using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics;

/// <summary>
/// The disclosure rules a site applies to every aggregate it releases (defaults after DataSHIELD).
/// These are the site's, not the sponsor's. Stateful rules (the query log that refuses
/// differencing attacks) live in the site agent; these are the per-aggregate checks.
/// </summary>
public sealed record DisclosureRules
{
    /// <summary>No rule: for methods validation on one's own data.</summary>
    public static DisclosureRules None { get; } = new()
    {
        MinCellCount = 0,
        MinSubsetSize = 0,
        MaxParameterRatio = double.PositiveInfinity,
        EventTimes = EventTimeDisclosure.Exact,
    };

    /// <summary>DataSHIELD-like defaults: min cell 3, min subset 3, parameters ≤ 0.33 n, event times binned to 30 (days).</summary>
    public static DisclosureRules Default { get; } = new();

    /// <summary>Smallest non-zero count a released contingency cell may hold.</summary>
    public int MinCellCount { get; init; } = 3;

    /// <summary>Smallest number of rows any released statistic (mean, group, fit) may rest on.</summary>
    public int MinSubsetSize { get; init; } = 3;

    /// <summary>Largest ratio of model parameters to rows (GLM saturation), e.g. 0.33.</summary>
    public double MaxParameterRatio { get; init; } = 0.33;

    /// <summary>Whether event times may leave the site exactly, coarsened to bins, or not at all.</summary>
    public EventTimeDisclosure EventTimes { get; init; } = EventTimeDisclosure.Binned;

    /// <summary>Width of time bins when <see cref="EventTimes"/> is <see cref="EventTimeDisclosure.Binned"/> (in the data's time unit).</summary>
    public double TimeBinWidth { get; init; } = 30;
}
