namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// The coordinator's bookkeeping between Newton rounds (carried in <c>RoundRequest.State</c>, never
/// read by sites): which columns are estimable, the last accepted point, and the statistics at β = 0.
/// </summary>
internal sealed record NewtonState
{
    /// <summary>Columns not aliased at the start (decided once, from the information at the start).</summary>
    public required bool[] Estimable { get; init; }

    /// <summary>Spread of each column, √(I₀ⱼⱼ / units): a step times it is a change in the linear predictor.</summary>
    public required double[] Spread { get; init; }

    /// <summary>Last accepted coefficient vector (full length; zero in aliased columns).</summary>
    public required double[] AcceptedBeta { get; init; }

    /// <summary>Objective (log-likelihood scale) at <see cref="AcceptedBeta"/>.</summary>
    public required double AcceptedObjective { get; init; }

    /// <summary>True when the point being evaluated is a halved step.</summary>
    public bool Halving { get; init; }

    /// <summary>Objective at the start (β = 0).</summary>
    public required double InitialObjective { get; init; }

    /// <summary>Score statistic U'I⁻¹U at the start.</summary>
    public required double InitialScoreStatistic { get; init; }
}
