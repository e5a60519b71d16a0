using ClinicalTrials.Statistics.Methods.Common;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>A site's moments of the variable in the two compared groups.</summary>
public sealed record TTestAggregate(Moments A, Moments B);
