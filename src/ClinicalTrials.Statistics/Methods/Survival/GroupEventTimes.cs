namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>
/// One group's follow-up at a site as a survival table: for each distinct time (event or
/// censoring), how many events and how many censorings occurred then. Nothing else about a row
/// is released; the number in the group is the sum of both counts.
/// </summary>
public sealed record GroupEventTimes
{
    /// <summary>The group level (<c>overall</c> when there is no group).</summary>
    public required string Level { get; init; }

    /// <summary>Distinct times, ascending (coarsened when the site bins event times).</summary>
    public required IReadOnlyList<double> Time { get; init; }

    /// <summary>Events at each time.</summary>
    public required IReadOnlyList<int> Events { get; init; }

    /// <summary>Censorings at each time.</summary>
    public required IReadOnlyList<int> Censored { get; init; }
}
