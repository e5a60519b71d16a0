using System.Globalization;

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// The coordinator's Newton–Raphson with step-halving, as R's <c>coxph</c> and a converged
/// <c>glm</c>: each round the sites evaluate the objective (a log-likelihood), its score and its
/// information at the requested β; this decides the next β or stops.
/// </summary>
/// <remarks>
/// It stops when the objective's change meets the method's criterion (R's own test), or when the
/// Newton decrement U'I⁻¹U is negligible. In both cases the reported estimate is the evaluated point
/// plus its last (negligible) Newton step, and the covariance is the inverse information at that
/// point, so estimates and standard errors are those at the maximum. Aliased columns are found once,
/// at the start, by a sequential Cholesky in column order and are NA from then on.
/// </remarks>
/// <param name="what">The model, for messages.</param>
/// <param name="names">Coefficient names.</param>
/// <param name="maxIterations">Rounds after the start before giving up.</param>
/// <param name="objectiveConverged">The method's convergence test on (previous, current) objective.</param>
/// <param name="informationUnits">
/// What the information at the start is a sum over (events for Cox, n/4 for logistic at μ = ½), so
/// that √(I₀ⱼⱼ / units) is the spread of column j and a step times it is a change in the linear predictor.
/// </param>
internal sealed class NewtonRaphson(
    string what,
    IReadOnlyList<string> names,
    int maxIterations,
    Func<double, double, bool> objectiveConverged,
    double informationUnits)
{
    // Pivot below this fraction of its diagonal: the column is a linear combination of earlier ones.
    private const double AliasTolerance = 1e-9;

    // A fall of the objective smaller than this (relative) is rounding in sums over many rows, not
    // an overshoot; halving on it would chase noise instead of converging.
    private const double NoiseTolerance = 1e-11;

    // U'I⁻¹U is the squared length of the Newton step in standard-error units; at 1e-16 the step is
    // 1e-8 standard errors, far inside the tolerance of any reported number.
    private const double DecrementTolerance = 1e-16;

    /// <summary>Decides after evaluating the objective, score and information (full row-major p×p) at <paramref name="beta"/>.</summary>
    public NewtonOutcome Next(int round, NewtonState? state, double[] beta, double objective, double[] score, double[] information)
    {
        var p = names.Count;
        if (state is null)
        {
            if (!double.IsFinite(objective))
                throw new AnalysisException($"{what}: the likelihood is not finite at the start");
            var chol0 = RankCholesky.Factor(information, p, null, AliasTolerance);
            if (chol0.Rank == 0)
                throw new AnalysisException($"{what}: no term can be estimated (the information about {Names(Enumerable.Range(0, p))} is zero)");
            var step0 = chol0.Solve(score);
            var start = new NewtonState
            {
                Estimable = chol0.Kept,
                Spread = Enumerable.Range(0, p).Select(j => Math.Sqrt(Math.Max(information[j * p + j], 0) / informationUnits)).ToArray(),
                AcceptedBeta = beta,
                AcceptedObjective = objective,
                InitialObjective = objective,
                InitialScoreStatistic = Dot(score, step0),
            };
            return Accept(round, start, beta, objective, score, chol0, step0);
        }

        if (!state.Halving && double.IsFinite(objective) && objectiveConverged(state.AcceptedObjective, objective))
        {
            var chol = RankCholesky.Factor(information, p, state.Estimable, AliasTolerance);
            return Finish(beta, objective, state with { AcceptedBeta = beta, AcceptedObjective = objective }, chol, chol.Solve(score));
        }
        if (!double.IsFinite(objective) || objective < state.AcceptedObjective - NoiseTolerance * (Math.Abs(state.AcceptedObjective) + 1))
        {
            // Overshot: go back halfway toward the last accepted point.
            var diff = beta.Select((b, j) => b - state.AcceptedBeta[j]).ToArray();
            if (round >= maxIterations) throw NotConverged(state, state.AcceptedBeta, diff);
            var half = beta.Select((b, j) => 0.5 * (b + state.AcceptedBeta[j])).ToArray();
            return new NewtonOutcome.Continue(half, state with { Halving = true });
        }
        var cholesky = RankCholesky.Factor(information, p, state.Estimable, AliasTolerance);
        var accepted = state with { AcceptedBeta = beta, AcceptedObjective = objective, Halving = false };
        return Accept(round, accepted, beta, objective, score, cholesky, cholesky.Solve(score));
    }

    private NewtonOutcome Accept(int round, NewtonState state, double[] beta, double objective, double[] score, RankCholesky chol, double[] step)
    {
        if (Dot(score, step) <= DecrementTolerance) return Finish(beta, objective, state, chol, step);
        if (round >= maxIterations) throw NotConverged(state, beta, step);
        var next = beta.Select((b, j) => b + step[j]).ToArray();
        return new NewtonOutcome.Continue(next, state with { Halving = false });
    }

    private NewtonOutcome.Converged Finish(double[] beta, double objective, NewtonState state, RankCholesky chol, double[] step)
    {
        var p = beta.Length;
        var estimate = new double[p];
        var diverging = new List<int>();
        for (var j = 0; j < p; j++)
        {
            estimate[j] = state.Estimable[j] ? beta[j] + step[j] : double.NaN;
            // An estimable column whose information collapsed since the start, or whose last step
            // still moves the linear predictor: the maximum is at infinity.
            if (state.Estimable[j] && (!chol.Kept[j] || Moving(state, j, step[j]))) diverging.Add(j);
        }
        return new NewtonOutcome.Converged(estimate, chol.Inverse(), state.Estimable, objective, state, diverging);
    }

    /// <summary>Names of the given columns, quoted, for messages.</summary>
    public string Names(IEnumerable<int> columns) => string.Join(", ", columns.Select(j => $"'{names[j]}'"));

    /// <summary>The columns whose estimate is still moving, largest move first, or the one moving most when none clearly is.</summary>
    public IReadOnlyList<int> MovingColumns(NewtonState state, double[] step)
    {
        var byMove = Enumerable.Range(0, step.Length).Where(j => state.Estimable[j])
            .OrderByDescending(j => Math.Abs(step[j]) * state.Spread[j]).ToList();
        var moving = byMove.Where(j => Moving(state, j, step[j])).ToList();
        return moving.Count > 0 ? moving : byMove.Take(1).ToList();
    }

    /// <summary>A non-convergence error naming the diverging terms.</summary>
    public AnalysisException NotConverged(NewtonState state, double[] beta, double[] step)
    {
        var cols = MovingColumns(state, step);
        var detail = string.Join("; ", cols.Select(j => string.Create(CultureInfo.InvariantCulture,
            $"'{names[j]}' at {beta[j]:G6}, still changing by {step[j]:G3} per iteration")));
        return new AnalysisException(
            $"{what} did not converge within {maxIterations} iterations; diverging estimate(s) for {Names(cols)} ({detail}). " +
            "This usually means (quasi-)separation: the outcome is (almost) perfectly predicted by that term, so its estimate is infinite.");
    }

    // A term is still moving when its last step changes the linear predictor by more than 1e-3 of
    // the column's spread. At a finite maximum the last step is ~1e-8 standard errors, i.e. ~1e-8/√n
    // in the linear predictor; toward an infinite estimate Newton keeps adding O(1) to it each round.
    private static bool Moving(NewtonState state, int j, double step) => Math.Abs(step) * state.Spread[j] > 1e-3;

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
