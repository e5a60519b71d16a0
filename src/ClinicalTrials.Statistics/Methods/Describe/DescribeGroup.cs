using ClinicalTrials.Statistics.Methods.Common;
namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>Moments and missing count of one group at one site.</summary>
public sealed record DescribeGroup(Moments Moments, long Missing);
