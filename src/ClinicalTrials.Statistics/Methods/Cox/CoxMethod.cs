using System.Globalization;
using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Regression;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// Cox proportional hazards (Efron or Breslow ties) by federated Newton–Raphson, as R's
/// <c>coxph</c> with <c>eps = 1e-12</c>: step-halving on the log partial likelihood, standard
/// errors from the inverse information at the estimate, score test at β = 0.
/// </summary>
/// <remarks>
/// With <c>strata: site</c> each site is its own stratum and returns only its stratum's
/// log-likelihood, score and information (no time leaves it). Without strata the risk sets are
/// pooled: each site returns per-time sums (see <see cref="CoxTimeSums"/>), which needs its
/// <see cref="DisclosureRules.EventTimes"/> to allow exact or binned times.
/// </remarks>
public sealed class CoxMethod : FederatedMethod<CoxSpec, CoxAggregate>
{
    private readonly SiteCache<CoxData> _cache = new();

    /// <inheritdoc />
    public override string Type => "cox";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        // Spec errors surface here, once, rather than from every site's step.
        if (spec is CoxSpec cox)
        {
            Stratified(cox);
            Efron(cox);
            var what = string.IsNullOrEmpty(cox.Id) ? "Cox model" : $"Cox model '{cox.Id}'";
            RegressionRequest.MaxIterations(cox.MaxIterations, what);
            if (DesignMatrix.ColumnNames(cox.Terms, intercept: false, siteFactor: null).Length == 0)
                throw new AnalysisException($"{what}: no terms to estimate");
        }
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override CoxAggregate SiteStep(SiteTable data, CoxSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var stratified = Stratified(spec);
        var efron = Efron(spec);
        var label = string.IsNullOrEmpty(spec.Id) ? "the Cox model" : $"Cox model '{spec.Id}'";
        double? binWidth = null;
        if (!stratified)
        {
            switch (rules.EventTimes)
            {
                case EventTimeDisclosure.Never:
                    throw new DisclosureRefusedException(data.Site, DisclosureRule.EventTimes,
                        $"{label} is not stratified by site, so it needs this site's risk-set sums at each event and censoring time, " +
                        "which reveal those times; this site never releases event times (use strata \"site\", or allow binned times)");
                case EventTimeDisclosure.Binned:
                    if (!(rules.TimeBinWidth > 0) || !double.IsFinite(rules.TimeBinWidth))
                        throw new DisclosureRefusedException(data.Site, DisclosureRule.EventTimes,
                            $"times must be binned but the bin width is {rules.TimeBinWidth}; set a positive time bin width");
                    binWidth = rules.TimeBinWidth;
                    break;
            }
        }
        var d = _cache.Get(data, CoxData.Key(spec, binWidth), () => CoxData.Build(data, spec, binWidth));
        int n = d.N, p = d.P;
        ModelDisclosure.Check(data.Site, label, rules, n, p);
        var beta = RegressionRequest.Beta(request, p);

        var x = d.X;
        var eta = new double[n];
        var offset = n == 0 ? 0 : double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * p, p);
            var e = 0.0;
            for (var j = 0; j < p; j++) e += row[j] * beta[j];
            eta[i] = e;
            if (e > offset) offset = e;
        }
        if (!double.IsFinite(offset)) offset = 0;

        return stratified
            ? new CoxAggregate(n, d.Events, Stratum(d, eta, offset, efron), null)
            : new CoxAggregate(n, d.Events, null, TimeSums(d, eta, offset, efron, binWidth));
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(CoxSpec spec, RoundRequest request, IReadOnlyList<(int Site, CoxAggregate Aggregate)> aggregates)
    {
        var names = DesignMatrix.ColumnNames(spec.Terms, intercept: false, siteFactor: null);
        var p = names.Length;
        var q = Packed.Size(p);
        var stratified = Stratified(spec);
        var efron = Efron(spec);
        var what = string.IsNullOrEmpty(spec.Id) ? "Cox model" : $"Cox model '{spec.Id}'";
        var n = aggregates.Sum(a => (long)a.Aggregate.N);
        var events = aggregates.Sum(a => (long)a.Aggregate.Events);
        var state = request.State is { } s ? s.Deserialize<NewtonState>(StatsJson.Options) : null;
        if (state is null)
        {
            if (p == 0) throw new AnalysisException($"{what}: no terms to estimate");
            if (n == 0)
                throw new AnalysisException($"{what}: no site has a complete row on {string.Join(", ", spec.Variables().Distinct())}");
            if (events == 0)
                throw new AnalysisException($"{what}: there are no events (event indicator '{spec.Event.Name}') among the {n} complete rows; a Cox model needs at least one");
        }

        var beta = RegressionRequest.Beta(request, p);
        double logLik;
        double[] score, packed;
        string? resolution = null;
        if (stratified)
        {
            logLik = 0;
            score = new double[p];
            packed = new double[q];
            foreach (var (site, a) in aggregates)
            {
                var st = a.Stratum ?? throw new AnalysisException($"{what}: site {site} did not return its stratum");
                if (st.Score.Length != p || st.Information.Length != q)
                    throw new AnalysisException($"{what}: site {site} returned {st.Score.Length} columns, expected {p}");
                logLik += st.LogLik;
                for (var j = 0; j < p; j++) score[j] += st.Score[j];
                for (var j = 0; j < q; j++) packed[j] += st.Information[j];
            }
        }
        else
        {
            var sites = aggregates.Select(a =>
            {
                var t = a.Aggregate.Times ?? throw new AnalysisException($"{what}: site {a.Site} did not return its risk-set sums");
                if (t.Centre.Length != p)
                    throw new AnalysisException($"{what}: site {a.Site} returned {t.Centre.Length} columns, expected {p}");
                return (a.Site, t, a.Aggregate.N);
            }).ToList();
            (logLik, score, packed) = CoxRiskSets.Evaluate(sites, beta, efron);
            resolution = Resolution(sites);
        }

        var newton = new NewtonRaphson(what, names, RegressionRequest.MaxIterations(spec.MaxIterations, what),
            // coxph's test: |1 − loglik_old / loglik_new| ≤ eps, eps = 1e-12.
            (previous, current) => Math.Abs(current - previous) <= 1e-12 * Math.Abs(current),
            informationUnits: Math.Max(events, 1));
        var outcome = newton.Next(request.Round, state, beta, logLik, score, Packed.Unpack(packed, p));
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
                $"{what}: diverging estimate(s) for {newton.Names(done.Diverging)}: the log-likelihood converged while the coefficient keeps growing " +
                "(it is infinite: in the risk sets with an event, that term ranks the subjects as the events occur — monotone likelihood). " +
                "Consider removing the term or merging its sparse levels.");

        var z975 = Probability.NormalQuantile(0.975);
        var coefficients = names.Select((term, j) =>
        {
            // As coxph: an aliased coefficient is NA with a variance of 0.
            if (!done.Estimable[j]) return new CoxCoefficient(term, double.NaN, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            var b = done.Beta[j];
            var se = Math.Sqrt(done.Covariance[j * p + j]);
            var zv = b / se;
            return new CoxCoefficient(term, b, se, zv, Probability.NormalTwoSided(zv), Math.Exp(b), Math.Exp(b - z975 * se), Math.Exp(b + z975 * se));
        }).ToArray();
        var scoreStat = done.State.InitialScoreStatistic;
        var lr = 2 * (done.Objective - done.State.InitialObjective);
        return Done(new CoxResult
        {
            Coefficients = coefficients,
            LoglikInitial = done.State.InitialObjective,
            LoglikFinal = done.Objective,
            ScoreTest = new CoxTest(scoreStat, p, Probability.ChiSquareUpper(scoreStat, p)),
            LrTest = new CoxTest(lr, p, Probability.ChiSquareUpper(lr, p)),
            N = (int)n,
            NEvents = (int)events,
            Resolution = resolution,
        });
    }

    private static CoxStratumSums Stratum(CoxData d, double[] eta, double offset, bool efron)
    {
        int n = d.N, p = d.P;
        var acc = new CoxAccumulator(p, efron);
        var x = d.X;
        var times = d.Times;
        var died = d.Died;
        var i = 0;
        while (i < n)
        {
            var t = times[i];
            do
            {
                var row = x.AsSpan(i * p, p);
                var e = eta[i] - offset;
                var r = Math.Exp(e);
                acc.AddAtRisk(r, row);
                if (died[i]) acc.AddDeath(r, e, row);
                i++;
            }
            while (i < n && times[i] == t);
            acc.EndTime();
        }
        return new CoxStratumSums(acc.LogLik, acc.Score, acc.Information);
    }

    private static CoxTimeSums TimeSums(CoxData d, double[] eta, double offset, bool efron, double? binWidth)
    {
        int n = d.N, p = d.P;
        var width = 1 + p + Packed.Size(p);
        var distinct = 0;
        for (var i = 0; i < n; i++)
            if (i == 0 || d.Times[i] != d.Times[i - 1]) distinct++;
        var times = new double[distinct];
        var atRisk = new double[distinct * width];
        var deaths = new int[distinct];
        var deathX = new double[distinct * p];
        var deathRisk = new double[efron ? distinct * width : 0];
        var g = -1;
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || d.Times[i] != d.Times[i - 1]) times[++g] = d.Times[i];
            var row = d.X.AsSpan(i * p, p);
            var r = Math.Exp(eta[i] - offset);
            AddBlock(atRisk.AsSpan(g * width, width), r, row);
            if (!d.Died[i]) continue;
            deaths[g]++;
            for (var j = 0; j < p; j++) deathX[g * p + j] += row[j];
            if (efron) AddBlock(deathRisk.AsSpan(g * width, width), r, row);
        }
        return new CoxTimeSums(d.Centre, offset, binWidth, times, atRisk, deaths, deathX, deathRisk);
    }

    private static void AddBlock(Span<double> block, double r, ReadOnlySpan<double> x)
    {
        block[0] += r;
        var p = x.Length;
        for (var j = 0; j < p; j++) block[1 + j] += r * x[j];
        Packed.AddOuter(block[(1 + p)..], r, x);
    }

    private static string? Resolution(IEnumerable<(int Site, CoxTimeSums Sums, int N)> sites)
    {
        var binned = sites.Where(s => s.Sums.BinWidth is not null).GroupBy(s => s.Sums.BinWidth!.Value).ToList();
        if (binned.Count == 0) return null;
        var parts = binned.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"width {g.Key:R} at site {string.Join(", ", g.Select(s => s.Site))}"));
        return "event and censoring times were coarsened up to the end of their bin (" + string.Join("; ", parts) +
            "); the result is exact for the binned times, i.e. to that bin width";
    }

    private static bool Stratified(CoxSpec spec) => spec.Strata switch
    {
        null => false,
        "site" => true,
        _ => throw new AnalysisException($"Cox model '{spec.Id}': strata '{spec.Strata}' is not supported; use \"site\" or leave it out"),
    };

    private static bool Efron(CoxSpec spec) => spec.Ties.ToLowerInvariant() switch
    {
        "efron" => true,
        "breslow" => false,
        _ => throw new AnalysisException($"Cox model '{spec.Id}': ties '{spec.Ties}' is not supported; use \"efron\" or \"breslow\""),
    };
}
