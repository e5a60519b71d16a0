using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Regression;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Logistic;

/// <summary>
/// Logistic regression by federated Newton–Raphson. Each round every site returns, at the
/// requested β, its X'WX, score X'(y − μ), deviance, n and Σy; the coordinator sums them, takes a
/// Newton step (halving it when the deviance rises) and stops as R's <c>glm</c> with
/// <c>epsilon = 1e-14</c> would, reporting standard errors from the Fisher information at the
/// estimate. Aliased columns are NA; separation is an <see cref="AnalysisException"/> naming the
/// diverging terms.
/// </summary>
public sealed class LogisticMethod : FederatedMethod<LogisticSpec, LogisticAggregate>
{
    // R's glm.fit flags fitted probabilities within 10·machine epsilon of 0 or 1.
    private const double BoundaryEpsilon = 10 * 2.220446049250313e-16;

    private const int BlockRows = 256;

    private readonly SiteCache<LogisticData> _cache = new();

    /// <inheritdoc />
    public override string Type => "logistic";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        // Spec errors surface here, once, rather than from every site's step.
        if (spec is LogisticSpec logistic)
        {
            var what = string.IsNullOrEmpty(logistic.Id) ? "logistic model" : $"logistic model '{logistic.Id}'";
            RegressionRequest.MaxIterations(logistic.MaxIterations, what);
            DesignMatrix.ColumnNames(logistic.Terms, intercept: true, siteFactor: null);
        }
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override LogisticAggregate SiteStep(SiteTable data, LogisticSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var d = _cache.Get(data, LogisticData.Key(spec), () => LogisticData.Build(data, spec));
        int n = d.N, p = d.P;
        ModelDisclosure.Check(data.Site, string.IsNullOrEmpty(spec.Id) ? "the logistic model" : $"logistic model '{spec.Id}'", rules, n, p);
        var beta = RegressionRequest.Beta(request, p);
        var q = Packed.Size(p);
        // Rows are summed in blocks and the blocks added with compensation, so that the sums of a
        // million rows keep the precision the convergence test needs (R's 1e-14 on the deviance).
        var score = new CompensatedSum(p);
        var info = new CompensatedSum(q);
        var deviance = new CompensatedSum(1);
        var blockScore = new double[p];
        var blockInfo = new double[q];
        double events = 0;
        var boundary = 0;
        var x = d.X;
        var y = d.Y;
        for (var start = 0; start < n; start += BlockRows)
        {
            Array.Clear(blockScore);
            Array.Clear(blockInfo);
            var blockDeviance = 0.0;
            var end = Math.Min(n, start + BlockRows);
            for (var i = start; i < end; i++)
            {
                var row = x.AsSpan(i * p, p);
                var eta = 0.0;
                for (var j = 0; j < p; j++) eta += row[j] * beta[j];
                // μ and 1 − μ each from the side where exp cannot overflow or cancel.
                double mu, oneMinusMu;
                if (eta >= 0)
                {
                    var e = Math.Exp(-eta);
                    mu = 1 / (1 + e);
                    oneMinusMu = e / (1 + e);
                }
                else
                {
                    var e = Math.Exp(eta);
                    mu = e / (1 + e);
                    oneMinusMu = 1 / (1 + e);
                }
                var yi = y[i];
                events += yi;
                // −2 log μ = 2 log(1 + e^−η) and −2 log(1 − μ) = 2 log(1 + e^η), without overflow.
                blockDeviance += 2 * (yi * Softplus(-eta) + (1 - yi) * Softplus(eta));
                if (mu < BoundaryEpsilon || oneMinusMu < BoundaryEpsilon) boundary++;
                var resid = yi - mu;
                var w = mu * oneMinusMu;
                var idx = 0;
                for (var j = 0; j < p; j++)
                {
                    var xj = row[j];
                    blockScore[j] += xj * resid;
                    var wx = w * xj;
                    for (var k = j; k < p; k++) blockInfo[idx++] += wx * row[k];
                }
            }
            score.Add(blockScore);
            info.Add(blockInfo);
            deviance.Add([blockDeviance]);
        }
        return new LogisticAggregate(n, events, deviance.Values[0], score.Values, info.Values, boundary);
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(LogisticSpec spec, RoundRequest request, IReadOnlyList<(int Site, LogisticAggregate Aggregate)> aggregates)
    {
        var names = DesignMatrix.ColumnNames(spec.Terms, intercept: true, siteFactor: null);
        var p = names.Length;
        var what = string.IsNullOrEmpty(spec.Id) ? "logistic model" : $"logistic model '{spec.Id}'";
        long n = 0;
        double events = 0, deviance = 0;
        var boundary = 0;
        var score = new double[p];
        var packed = new double[Packed.Size(p)];
        foreach (var (site, a) in aggregates)
        {
            if (a.Score.Length != p || a.Information.Length != packed.Length)
                throw new AnalysisException($"{what}: site {site} returned {a.Score.Length} columns, expected {p}");
            n += a.N;
            events += a.Events;
            deviance += a.Deviance;
            boundary += a.FittedBoundary;
            for (var j = 0; j < p; j++) score[j] += a.Score[j];
            for (var j = 0; j < packed.Length; j++) packed[j] += a.Information[j];
        }
        var state = request.State is { } s ? s.Deserialize<NewtonState>(StatsJson.Options) : null;
        if (state is null)
        {
            if (n == 0)
                throw new AnalysisException($"{what}: no site has a complete row on {string.Join(", ", spec.Variables().Distinct())}");
            if (events == 0 || events == n)
                throw new AnalysisException(
                    $"{what}: outcome '{spec.Outcome.Name}' is {(events == 0 ? "0 (no event)" : "1 (an event)")} in all {n} complete rows; " +
                    "the model cannot be fitted (the intercept diverges)");
        }

        var newton = new NewtonRaphson(what, names, RegressionRequest.MaxIterations(spec.MaxIterations, what),
            // glm.fit's test on the deviance −2·objective: |dev − dev_old| / (|dev| + 0.1) < epsilon.
            (previous, current) => Math.Abs(2 * (previous - current)) / (Math.Abs(2 * current) + 0.1) < 1e-14,
            informationUnits: n / 4.0);
        var beta = RegressionRequest.Beta(request, p);
        var outcome = newton.Next(request.Round, state, beta, -deviance / 2, score, Packed.Unpack(packed, p));
        if (outcome is NewtonOutcome.Continue next)
            return new CombineOutcome.NextRound(request with
            {
                Round = request.Round + 1,
                Beta = next.Beta,
                State = JsonSerializer.SerializeToElement(next.State, StatsJson.Options),
            });

        var done = (NewtonOutcome.Converged)outcome;
        if (done.Diverging.Count > 0)
            throw new AnalysisException(
                $"{what}: diverging estimate(s) for {newton.Names(done.Diverging)}: the outcome is (quasi-)completely separated by that term, " +
                "so its maximum-likelihood estimate is infinite" +
                (boundary > 0 ? $" (fitted probabilities numerically 0 or 1 in {boundary} row(s))" : "") +
                ". Consider merging sparse factor levels or removing the term.");
        if (boundary > 0)
        {
            var step = done.Beta.Select((b, j) => done.Estimable[j] ? b - beta[j] : 0).ToArray();
            throw new AnalysisException(
                $"{what}: fitted probabilities numerically 0 or 1 occurred in {boundary} row(s) at the estimate; unreliable estimate(s) for " +
                $"{newton.Names(newton.MovingColumns(done.State, step))} (near-separation or an extreme covariate value).");
        }
        var rank = done.Estimable.Count(e => e);
        var coefficients = names.Select((term, j) =>
        {
            if (!done.Estimable[j]) return new LogisticCoefficient(term, double.NaN, double.NaN, double.NaN, double.NaN);
            var se = Math.Sqrt(done.Covariance[j * p + j]);
            var z = done.Beta[j] / se;
            return new LogisticCoefficient(term, done.Beta[j], se, z, Probability.NormalTwoSided(z));
        }).ToArray();
        var finalDeviance = -2 * done.Objective;
        var mean = events / n;
        var nullDeviance = -2 * (Xlogy(events, mean) + Xlogy(n - events, 1 - mean));
        return Done(new LogisticResult(coefficients, finalDeviance, nullDeviance, (int)(n - rank), finalDeviance + 2 * rank, (int)n));
    }

    private static double Softplus(double z) => z > 0 ? z + Log1p(Math.Exp(-z)) : Log1p(Math.Exp(z));

    // log(1 + x) accurate for tiny x (Goldberg's trick), so near-perfect fits keep their deviance.
    private static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double Xlogy(double x, double y) => x == 0 ? 0 : x * Math.Log(y);
}
