namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>What a site releases for <c>describe</c>.</summary>
/// <param name="Overall">All rows of the site.</param>
/// <param name="By">
/// Per group level observed at the site (only the spec's levels when it lists them); null when the
/// spec has no <c>by</c>.
/// </param>
public sealed record DescribeAggregate(DescribeGroup Overall, IReadOnlyDictionary<string, DescribeGroup>? By);
