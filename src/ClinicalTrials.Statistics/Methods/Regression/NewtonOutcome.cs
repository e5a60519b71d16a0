namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>What one Newton–Raphson decision yields.</summary>
internal abstract record NewtonOutcome
{
    /// <summary>Evaluate at <paramref name="Beta"/> next round.</summary>
    public sealed record Continue(double[] Beta, NewtonState State) : NewtonOutcome;

    /// <summary>
    /// Converged: <paramref name="Beta"/> is the estimate (NaN in aliased columns),
    /// <paramref name="Covariance"/> the inverse information on the estimable columns (row-major),
    /// <paramref name="Objective"/> the objective at the last evaluated point, and
    /// <paramref name="Diverging"/> the columns whose estimate was still moving away (infinite estimates).
    /// </summary>
    public sealed record Converged(
        double[] Beta,
        double[] Covariance,
        bool[] Estimable,
        double Objective,
        NewtonState State,
        IReadOnlyList<int> Diverging) : NewtonOutcome;
}
