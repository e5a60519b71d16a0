using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>
/// Linear model with an intercept, optionally with site as a fixed-effect factor, as R's <c>lm</c> on
/// the pooled complete cases. One round: sites release n, means and centred cross-products of the
/// design columns and the outcome; the coordinator merges them and solves.
/// </summary>
public sealed class LmMethod : FederatedMethod<LmSpec, LmAggregate>
{
    /// <inheritdoc />
    public override string Type => "lm";

    /// <inheritdoc />
    protected override LmAggregate SiteStep(SiteTable data, LmSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var outcome = data[spec.Outcome];
        if (!outcome.IsNumeric)
            throw new AnalysisException($"site {data.Site}: lm outcome '{spec.Outcome}' is not numeric");
        var rows = data.CompleteCases(spec.Variables()).Length;
        var x = DesignMatrix.Build(data, spec.Terms, intercept: true, [spec.Outcome], SiteFactor(spec, request));
        int n = x.N, p = x.P, m = p + 1;
        if (n > 0 && n < rules.MinSubsetSize)
            throw new DisclosureRefusedException(data.Site, DisclosureRule.MinSubsetSize,
                $"the model of '{spec.Outcome}' would rest on {n} complete row(s) at this site; the site releases a fit only on at least {rules.MinSubsetSize}");
        if (n > 0 && p > rules.MaxParameterRatio * n)
            throw new DisclosureRefusedException(data.Site, DisclosureRule.MaxParameterRatio,
                $"the model of '{spec.Outcome}' has {p} parameters for {n} complete row(s) at this site; the site allows at most {rules.MaxParameterRatio:0.###} parameters per row ({Math.Floor(rules.MaxParameterRatio * n)} here)");
        if (n == 0) return new LmAggregate(rows, 0, [], []);

        double Value(int i, int j) => j < p ? x.Row(i)[j] : outcome.Number(x.Rows[i]);
        var means = new double[m];
        for (var j = 0; j < m; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += Value(i, j);
            var mean = sum / n;
            var correction = 0.0;
            for (var i = 0; i < n; i++) correction += Value(i, j) - mean;
            means[j] = mean + correction / n;
        }
        var products = new double[m * (m + 1) / 2];
        var centred = new double[m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++) centred[j] = Value(i, j) - means[j];
            for (var j = 0; j < m; j++)
                for (var k = 0; k <= j; k++) products[LmAggregate.Packed(j, k)] += centred[j] * centred[k];
        }
        return new LmAggregate(rows, n, means, products);
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(LmSpec spec, RoundRequest request, IReadOnlyList<(int Site, LmAggregate Aggregate)> aggregates)
    {
        var sites = SiteFactor(spec, request);
        var names = DesignMatrix.ColumnNames(spec.Terms, intercept: true, sites);
        var m = names.Length + 1;
        var cp = new CrossProducts(m);
        foreach (var (site, a) in aggregates)
        {
            if (a.N == 0) continue;
            if (a.Means.Count != m || a.CrossProducts.Count != m * (m + 1) / 2)
                throw new AnalysisException($"lm: site {site} sent {a.Means.Count} means and {a.CrossProducts.Count} cross-products; the model has {m - 1} design columns and an outcome");
            cp.Add(a.N, a.Means, (i, j) => a.CrossProducts[LmAggregate.Packed(i, j)]);
        }
        if (cp.N == 0)
            throw new AnalysisException($"lm: no site has a complete row of '{spec.Outcome}' and the terms ({string.Join(", ", spec.Terms.Select(t => t.Name))})");

        var columns = Enumerable.Range(0, names.Length).ToList();
        foreach (var (factor, block) in FactorBlocks(spec, sites))
            DropUnusedLevels(factor, block, cp, columns);
        var fit = LeastSquares.Fit(cp, columns, columns.Select(c => names[c]).ToArray(), aggregates.Sum(a => a.Aggregate.Rows));
        return Done(fit);
    }

    /// <summary>
    /// R's <c>lm</c> builds its model frame with <c>drop.unused.levels = TRUE</c>: a level without rows
    /// has no column at all (not an NA one), and when the first level has no rows the first level
    /// with rows becomes the reference. Dummies are 0/1, so a level's pooled count is its mean × n.
    /// </summary>
    private static void DropUnusedLevels(string factor, int[] block, CrossProducts cp, List<int> columns)
    {
        var counts = block.Select(c => Math.Round(cp.Means[c] * cp.N)).ToArray();
        var referenceCount = cp.N - counts.Sum();
        var used = block.Where((_, i) => counts[i] > 0).ToList();
        var levels = used.Count + (referenceCount > 0 ? 1 : 0);
        if (levels < 2)
            throw new AnalysisException($"lm: factor '{factor}' has rows at {levels} of its levels; a factor term needs rows at 2 levels or more");
        columns.RemoveAll(c => block.Contains(c) && !used.Contains(c));
        if (referenceCount == 0) columns.Remove(used[0]);
    }

    /// <summary>The design columns of each factor term and of the site factor, in design order.</summary>
    private static IEnumerable<(string Factor, int[] Columns)> FactorBlocks(LmSpec spec, IReadOnlyList<int>? sites)
    {
        var j = 1;
        foreach (var t in spec.Terms)
        {
            if (t.Type == TermType.Numeric) { j++; continue; }
            var width = t.Levels!.Count - 1;
            yield return (t.Name, Enumerable.Range(j, width).ToArray());
            j += width;
        }
        if (sites is not null)
            yield return ("site", Enumerable.Range(j, sites.Count - 1).ToArray());
    }

    private static IReadOnlyList<int>? SiteFactor(LmSpec spec, RoundRequest request) => spec.StrataAsFactor switch
    {
        null => null,
        "site" => request.Sites,
        var other => throw new AnalysisException($"lm: strata_as_factor '{other}' is not supported (only \"site\")"),
    };
}
