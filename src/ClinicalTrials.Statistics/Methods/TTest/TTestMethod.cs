using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Common;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>Two-sample t-test, Welch or Student, from merged group moments.</summary>
public sealed class TTestMethod : FederatedMethod<TTestSpec, TTestAggregate>
{
    /// <inheritdoc />
    public override string Type => "ttest";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        if (spec is TTestSpec { Levels.Count: not 2 } t)
            throw new AnalysisException($"ttest '{t.Id}': levels must name exactly two groups, got {t.Levels.Count}");
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override TTestAggregate SiteStep(SiteTable data, TTestSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var v = data[spec.Variable];
        if (!v.IsNumeric)
            throw new AnalysisException($"site {data.Site}: ttest: '{spec.Variable}' holds text, not numbers");
        var g = data[spec.Group];
        var a = new List<double>();
        var b = new List<double>();
        foreach (var r in data.CompleteCases(spec.Variables()))
        {
            var level = g.Key(r);
            if (level == spec.Levels[0]) a.Add(v.Number(r));
            else if (level == spec.Levels[1]) b.Add(v.Number(r));
        }
        SubsetRule.Check(data.Site, a.Count, rules, $"the mean of '{spec.Variable}' in {spec.Group} = '{spec.Levels[0]}'");
        SubsetRule.Check(data.Site, b.Count, rules, $"the mean of '{spec.Variable}' in {spec.Group} = '{spec.Levels[1]}'");
        return new TTestAggregate(Moments.Of(a), Moments.Of(b));
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(TTestSpec spec, RoundRequest request, IReadOnlyList<(int Site, TTestAggregate Aggregate)> aggregates)
    {
        var a = Moments.Merge(aggregates.Select(x => x.Aggregate.A));
        var b = Moments.Merge(aggregates.Select(x => x.Aggregate.B));
        foreach (var (m, level) in new[] { (a, spec.Levels[0]), (b, spec.Levels[1]) })
            if (m.N < 2)
                throw new AnalysisException($"ttest '{spec.Id}': group {spec.Group} = '{level}' has {m.N} complete observation(s) of '{spec.Variable}'; a t-test needs at least 2");

        double se, df;
        if (spec.Welch)
        {
            var va = a.Variance / a.N;
            var vb = b.Variance / b.N;
            se = Math.Sqrt(va + vb);
            df = (va + vb) * (va + vb) / (va * va / (a.N - 1) + vb * vb / (b.N - 1));
        }
        else
        {
            df = a.N + b.N - 2;
            var pooled = (a.M2 + b.M2) / df;
            se = Math.Sqrt(pooled * (1.0 / a.N + 1.0 / b.N));
        }
        if (!(se > 0))
            throw new AnalysisException($"ttest '{spec.Id}': '{spec.Variable}' is constant in both groups; the t statistic is undefined");
        var estimate = a.Mean - b.Mean;
        var t = estimate / se;
        var q = Probability.StudentTQuantile(0.975, df);
        return Done(new TTestResult(estimate, t, df, Probability.StudentTTwoSided(t, df), estimate - q * se, estimate + q * se, [a.N, b.N]));
    }
}
