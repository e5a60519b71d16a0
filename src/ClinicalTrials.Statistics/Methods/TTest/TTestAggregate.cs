using ClinicalTrials.Statistics.Methods.Describe;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>What a site releases for <c>ttest</c>: the moments of the variable in each of the two groups (complete cases).</summary>
/// <param name="A">Group <c>levels[0]</c>.</param>
/// <param name="B">Group <c>levels[1]</c>.</param>
public sealed record TTestAggregate(Moments A, Moments B);
