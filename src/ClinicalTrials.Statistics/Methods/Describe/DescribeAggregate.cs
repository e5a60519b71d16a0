using ClinicalTrials.Statistics.Methods.Common;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>A site's moments of the variable overall and per observed group, with missing counts.</summary>
public sealed record DescribeAggregate
{
    /// <summary>Moments over all non-missing values.</summary>
    public required Moments Overall { get; init; }

    /// <summary>Rows with the variable missing.</summary>
    public long Missing { get; init; }

    /// <summary>Per group level (group not missing): moments and missing count.</summary>
    public IReadOnlyDictionary<string, DescribeGroup> Groups { get; init; } = new Dictionary<string, DescribeGroup>();
}
