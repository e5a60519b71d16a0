namespace ClinicalTrials.Statistics;

/// <summary>
/// The names under which a refusal cites each of <see cref="DisclosureRules"/>' rules
/// (<see cref="DisclosureRefusedException.Rule"/>), the same words as the policy file's keys.
/// </summary>
public static class DisclosureRule
{
    /// <summary><see cref="DisclosureRules.MinCellCount"/>.</summary>
    public const string MinCellCount = "min_cell_count";

    /// <summary><see cref="DisclosureRules.MinSubsetSize"/>.</summary>
    public const string MinSubsetSize = "min_subset_size";

    /// <summary><see cref="DisclosureRules.MaxParameterRatio"/>.</summary>
    public const string MaxParameterRatio = "max_parameter_ratio";

    /// <summary><see cref="DisclosureRules.EventTimes"/>.</summary>
    public const string EventTimes = "event_times";
}
