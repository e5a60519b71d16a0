using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Describe;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>
/// Two-sample t-test (Welch or Student) of a variable between two levels of a group, as R's
/// <c>t.test</c> on complete cases. Sites release each group's n, mean and centred sum of squares.
/// </summary>
public sealed class TTestMethod : FederatedMethod<TTestSpec, TTestAggregate>
{
    // R's .Machine$double.eps (double.Epsilon is the smallest subnormal, not this).
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <inheritdoc />
    public override string Type => "ttest";

    /// <inheritdoc />
    protected override TTestAggregate SiteStep(SiteTable data, TTestSpec spec, RoundRequest request, DisclosureRules rules)
    {
        CheckLevels(spec);
        var v = data[spec.Variable];
        if (!v.IsNumeric)
            throw new AnalysisException($"site {data.Site}: t-test variable '{spec.Variable}' is not numeric");
        var g = data[spec.Group];
        var a = new List<double>();
        var b = new List<double>();
        foreach (var r in data.CompleteCases(spec.Variables()))
        {
            var key = g.Key(r);
            if (key == spec.Levels[0]) a.Add(v.Number(r));
            else if (key == spec.Levels[1]) b.Add(v.Number(r));
        }
        var result = new TTestAggregate(Moments.Of(a), Moments.Of(b));
        CheckSubset(data.Site, rules, spec, 0, result.A);
        CheckSubset(data.Site, rules, spec, 1, result.B);
        return result;
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(TTestSpec spec, RoundRequest request, IReadOnlyList<(int Site, TTestAggregate Aggregate)> aggregates)
    {
        CheckLevels(spec);
        var a = aggregates.Aggregate(Moments.Empty, (m, x) => m.Merge(x.Aggregate.A));
        var b = aggregates.Aggregate(Moments.Empty, (m, x) => m.Merge(x.Aggregate.B));

        // R's t.test rules: Welch needs two values per group (a variance each); Student needs one per group and a pooled df ≥ 1.
        var minimum = spec.Welch ? 2 : 1;
        foreach (var (m, i) in new[] { (a, 0), (b, 1) })
            if (m.N < minimum)
                throw new AnalysisException(m.N == 0
                    ? $"t-test: group {spec.Group} = '{spec.Levels[i]}' has no complete observations of '{spec.Variable}'"
                    : $"t-test: group {spec.Group} = '{spec.Levels[i]}' has {m.N} complete observation(s) of '{spec.Variable}'; {(spec.Welch ? "Welch's" : "Student's")} test needs at least {minimum}");
        if (a.N + b.N < 3)
            throw new AnalysisException($"t-test: groups {spec.Group} = '{spec.Levels[0]}' and '{spec.Levels[1]}' have {a.N + b.N} complete observations of '{spec.Variable}' together; Student's test needs at least 3");

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
            se = Math.Sqrt((a.M2 + b.M2) / df * (1.0 / a.N + 1.0 / b.N));
        }
        if (se < 10 * MachineEpsilon * Math.Max(Math.Abs(a.Mean), Math.Abs(b.Mean)))
            throw new AnalysisException($"t-test: '{spec.Variable}' is essentially constant in groups {spec.Group} = '{spec.Levels[0]}' and '{spec.Levels[1]}'");

        var estimate = a.Mean - b.Mean;
        var t = estimate / se;
        var q = StudentQuantile.Upper(0.025, df);
        return Done(new TTestResult(estimate, t, df, Probability.StudentTTwoSided(t, df),
            estimate - q * se, estimate + q * se, [a.N, b.N]));
    }

    private static void CheckLevels(TTestSpec spec)
    {
        if (spec.Levels.Count != 2)
            throw new AnalysisException($"t-test: 'levels' of group '{spec.Group}' must name exactly two levels, got {spec.Levels.Count}");
    }

    private static void CheckSubset(int site, DisclosureRules rules, TTestSpec spec, int i, Moments m)
    {
        if (m.N > 0 && m.N < rules.MinSubsetSize)
            throw new DisclosureRefusedException(site, DisclosureRule.MinSubsetSize,
                $"group {spec.Group} = '{spec.Levels[i]}' has {m.N} complete observation(s) of '{spec.Variable}'; the site releases a mean only on at least {rules.MinSubsetSize}");
    }
}
