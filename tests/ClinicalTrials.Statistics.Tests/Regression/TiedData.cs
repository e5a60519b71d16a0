namespace ClinicalTrials.Statistics.Tests.Regression;

/// <summary>
/// A small data set with tied event times, fitted in R 4.2.2 / survival 3.5-3 (values pasted in
/// the tests that use it):
/// <code>
/// d &lt;- data.frame(time = c(1,1,1,2,2,3,3,3,4,5,5,6,6,7), status = c(1,1,0,1,1,1,0,1,1,0,1,1,1,0),
///                 x = c(0,1,1,0,1,0,0,1,1,0,1,0,1,1),
///                 z = c(2.1,0.5,1.3,-0.4,0.8,1.9,-1.2,0.3,0.0,1.1,-0.7,0.6,2.4,-0.2))
/// </code>
/// </summary>
internal static class TiedData
{
    public static readonly double[] Time = [1, 1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 6, 7];
    public static readonly double[] Status = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0];
    public static readonly double[] X = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1];
    public static readonly double[] Z = [2.1, 0.5, 1.3, -0.4, 0.8, 1.9, -1.2, 0.3, 0.0, 1.1, -0.7, 0.6, 2.4, -0.2];
}
