using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>Reading the parts of a round request that the Newton methods share.</summary>
internal static class RegressionRequest
{
    /// <summary>The requested β, or zeros at the start; a wrong length is a protocol error.</summary>
    public static double[] Beta(RoundRequest request, int p)
    {
        if (request.Beta is null) return new double[p];
        if (request.Beta.Count != p)
            throw new AnalysisException($"round {request.Round}: β has {request.Beta.Count} values, the model has {p} columns");
        return request.Beta.ToArray();
    }

    /// <summary>The spec's iteration limit, validated and kept under the engine's hard round cap.</summary>
    public static int MaxIterations(int requested, string what) => requested < 1
        ? throw new AnalysisException($"{what}: max_iterations must be at least 1 (got {requested})")
        : Math.Min(requested, FederatedEngine.MaxRounds - 1);
}
