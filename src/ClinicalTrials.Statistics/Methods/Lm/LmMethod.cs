using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Common;
using ClinicalTrials.Statistics.Methods.Regression;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Lm;

/// <summary>
/// Linear model with intercept (ANCOVA), optionally with site as a fixed-effect factor, from
/// merged centred cross-products. Slopes solve C_xx β = C_xy; the intercept is ȳ − x̄'β; a column
/// that is a linear combination of earlier ones (or constant) is aliased and reported as NA, as R.
/// </summary>
public sealed class LmMethod : FederatedMethod<LmSpec, LmAggregate>
{
    /// <summary>Rule name of <see cref="DisclosureRules.MaxParameterRatio"/>.</summary>
    public const string ParameterRatioRule = "max_parameter_ratio";

    // Relative pivot below which a centred column counts as collinear with the ones before it.
    private const double AliasTolerance = 1e-10;

    /// <inheritdoc />
    public override string Type => "lm";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        if (spec is LmSpec { StrataAsFactor: { } s } lm && s != "site")
            throw new AnalysisException($"lm '{lm.Id}': strata_as_factor must be 'site', got '{s}'");
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override LmAggregate SiteStep(SiteTable data, LmSpec spec, RoundRequest request, DisclosureRules rules)
    {
        if (!data[spec.Outcome].IsNumeric)
            throw new AnalysisException($"site {data.Site}: lm: outcome '{spec.Outcome}' holds text, not numbers");
        var siteFactor = spec.StrataAsFactor is null ? null : request.Sites;
        var x = DesignMatrix.Build(data, spec.Terms, intercept: false, [spec.Outcome], siteFactor);
        var y = data[spec.Outcome];
        var q = x.P;
        var k = q + 1;
        var n = x.N;
        SubsetRule.Check(data.Site, n, rules, $"the linear model of '{spec.Outcome}'");
        var parameters = 1 + q - (siteFactor is null ? 0 : siteFactor.Count - 1);
        if (n > 0 && parameters > rules.MaxParameterRatio * n)
            throw new DisclosureRefusedException(data.Site, ParameterRatioRule,
                $"the linear model of '{spec.Outcome}' has {parameters} parameters for {n} rows, more than {rules.MaxParameterRatio} × n");

        var z = new double[k];
        var means = new double[k];
        for (var i = 0; i < n; i++)
        {
            Fill(x, y, i, z);
            for (var j = 0; j < k; j++) means[j] += z[j];
        }
        if (n > 0) for (var j = 0; j < k; j++) means[j] /= n;
        var cross = new double[k * k];
        for (var i = 0; i < n; i++)
        {
            Fill(x, y, i, z);
            for (var a = 0; a < k; a++) z[a] -= means[a];
            for (var a = 0; a < k; a++)
            {
                var za = z[a];
                if (za == 0) continue;
                for (var b = a; b < k; b++) cross[a * k + b] += za * z[b];
            }
        }
        for (var a = 0; a < k; a++)
            for (var b = 0; b < a; b++) cross[a * k + b] = cross[b * k + a];
        return new LmAggregate(n, means, cross);
    }

    private static void Fill(DesignMatrix x, Column y, int i, double[] z)
    {
        x.Row(i).CopyTo(z);
        z[x.P] = y.Number(x.Rows[i]);
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(LmSpec spec, RoundRequest request, IReadOnlyList<(int Site, LmAggregate Aggregate)> aggregates)
    {
        var names = DesignMatrix.ColumnNames(spec.Terms, intercept: false, spec.StrataAsFactor is null ? null : request.Sites);
        var q = names.Length;
        var k = q + 1;
        var merged = new CentredCrossProducts(k);
        foreach (var (_, a) in aggregates) merged.Merge(a.N, a.Means, a.Cross);
        var n = merged.N;
        if (n == 0) throw new AnalysisException($"lm '{spec.Id}': no complete observations of '{spec.Outcome}' and the terms");

        var cxx = new double[q * q];
        var cxy = new double[q];
        for (var i = 0; i < q; i++)
        {
            for (var j = 0; j < q; j++) cxx[i * q + j] = merged.Cross[i * k + j];
            cxy[i] = merged.Cross[i * k + q];
        }
        var cyy = merged.Cross[q * k + q];
        var chol = RankCholesky.Factor(cxx, q, null, AliasTolerance);
        var beta = chol.Solve(cxy);
        var inverse = chol.Inverse();
        var rank = 1 + chol.Rank;
        var df = (double)(n - rank);

        var explained = 0.0;
        for (var j = 0; j < q; j++) explained += beta[j] * cxy[j];
        var rss = Math.Max(0, cyy - explained);
        var sigma2 = df > 0 ? rss / df : double.NaN;
        var mx = merged.Means.AsSpan(0, q);
        var intercept = merged.Means[q];
        var quad = 0.0;
        for (var i = 0; i < q; i++)
        {
            if (!chol.Kept[i]) continue;
            intercept -= mx[i] * beta[i];
            for (var j = 0; j < q; j++) quad += mx[i] * inverse[i * q + j] * mx[j];
        }

        var rows = new List<LmCoefficient> { Row("(Intercept)", intercept, Math.Sqrt(sigma2 * (1.0 / n + quad)), df) };
        for (var j = 0; j < q; j++)
            rows.Add(chol.Kept[j]
                ? Row(names[j], beta[j], Math.Sqrt(sigma2 * inverse[j * q + j]), df)
                : new LmCoefficient(names[j], double.NaN, double.NaN, double.NaN, double.NaN));
        var r2 = cyy > 0 ? 1 - rss / cyy : double.NaN;
        return Done(new LmResult(rows, Math.Sqrt(sigma2), df, r2, n));
    }

    private static LmCoefficient Row(string term, double estimate, double se, double df)
    {
        var t = estimate / se;
        return new LmCoefficient(term, estimate, se, t, Probability.StudentTTwoSided(t, df));
    }
}
