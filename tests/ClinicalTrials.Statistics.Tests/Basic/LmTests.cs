using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Methods.Lm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ClinicalTrials.Statistics.Tests.Basic.BasicData;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class LmTests
{
    private static readonly double[] Y = [1.2, 2.3, 2.9, 4.1, 5.2, 6.8, 7.1, 8.4, 9.0, 2.0, 3.5, 5.5];
    private static readonly double[] X1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3.5, 5];
    private static readonly string[] F = ["u", "v", "u", "v", "w", "u", "v", "w", "z", "v", "u", "w"];
    private static readonly int[] SiteOf = [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3];

    /// <summary>x2 = 2·x1 + 1 is aliased; f's level q has no rows; f = z is outside the levels (the row leaves the fit).</summary>
    private static readonly LmSpec Spec = new()
    {
        Id = "lm",
        Outcome = "y",
        Terms =
        [
            new TermSpec { Name = "x1", Type = TermType.Numeric },
            new TermSpec { Name = "x2", Type = TermType.Numeric },
            new TermSpec { Name = "f", Type = TermType.Factor, Levels = ["u", "v", "w", "q"] },
        ],
    };

    private static SiteTable[] Sites(int[] siteOf, double shift = 0) => siteOf.Distinct().Order().Select(s =>
    {
        var rows = Enumerable.Range(0, Y.Length).Where(i => siteOf[i] == s).ToArray();
        return Table(s,
            ("y", rows.Select(i => (object?)Y[i]).ToArray()),
            ("x1", rows.Select(i => (object?)(X1[i] + shift)).ToArray()),
            ("x2", rows.Select(i => (object?)(2 * X1[i] + 1)).ToArray()),
            ("f", rows.Select(i => (object?)F[i]).ToArray()));
    }).ToArray();

    private static JsonObject Coef(JsonObject result, string term) =>
        result["coefficients"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string)c["term"]! == term);

    private static void Row(JsonObject r, string term, double estimate, double se, double t, double p)
    {
        var c = Coef(r, term);
        Close(estimate, Num(c, "estimate"), 1e-10);
        Close(se, Num(c, "std_error"), 1e-10);
        Close(t, Num(c, "statistic"), 1e-10);
        Close(p, Num(c, "p_value"), 1e-9);
    }

    [Fact]
    public void Aliased_term_is_NA_as_R_and_unused_level_has_no_column()
    {
        var r = Run(Spec, Sites(SiteOf));

        // R 4.2.2: d$f <- factor(f, levels = c("u", "v", "w", "q")); fit <- lm(y ~ x1 + x2 + f, data = d)
        //   coef(fit): (Intercept) 0.0738095238095248, x1 1.0447971781305112, x2 NA, fv -0.1167989417989416, fw 0.0240740740740747
        //   summary(fit)$coefficients, then sigma, df.residual, r.squared, nrow(d):
        Row(r, "(Intercept)", 0.0738095238095248, 0.2041510338029535, 0.361543718072796, 7.28359560638805e-01);
        Row(r, "x1", 1.0447971781305112, 0.0453668964006563, 23.029946084550669, 7.37915383031360e-08);
        Row(r, "fv", -0.1167989417989416, 0.1917221090927762, -0.609209560397760, 5.61628657581124e-01);
        Row(r, "fw", 0.0240740740740747, 0.2381762061034458, 0.101076738385944, 9.22323760957481e-01);
        Close(0.270066432669678, Num(r, "sigma"), 1e-10);
        Assert.Equal(7, Num(r, "df_residual"));
        Close(0.990619571387624, Num(r, "r_squared"), 1e-10);
        Assert.Equal(12, Num(r, "n"));

        var x2 = Coef(r, "x2");
        Assert.All(["estimate", "std_error", "statistic", "p_value"], k => Assert.Null(x2[k]));
        Assert.Equal(["(Intercept)", "x1", "x2", "fv", "fw"], r["coefficients"]!.AsArray().Select(c => (string)c!["term"]!));
    }

    [Fact]
    public void Site_fixed_effects_match_R()
    {
        var r = Run(Spec with { StrataAsFactor = "site" }, Sites(SiteOf));

        // R 4.2.2: d$site <- factor(d$site); summary(lm(y ~ x1 + x2 + f + site, data = d)); x2 is NA in coef()
        Row(r, "(Intercept)", 0.3461672473867600, 0.302002550510484, 1.146239483082586, 0.303573782041425266);
        Row(r, "x1", 0.9205574912891984, 0.106592017001586, 8.636270493647773, 0.000343736169095091);
        Row(r, "fv", -0.0702090592334492, 0.199526653777861, -0.351878097006604, 0.739274101393094685);
        Row(r, "fw", 0.3012195121951226, 0.324529041241465, 0.928174289249513, 0.395916240247211393);
        Row(r, "site2", 0.5662601626016263, 0.445557898303975, 1.270901413165622, 0.259681168297324683);
        Row(r, "site3", 0.0215447154471544, 0.204795590673671, 0.105201070864287, 0.920306259735135468);
        Close(0.276452977101350, Num(r, "sigma"), 1e-10);
        Assert.Equal(5, Num(r, "df_residual"));
        Close(0.992979048488139, Num(r, "r_squared"), 1e-10);
        Assert.Null(Coef(r, "x2")["estimate"]);
    }

    [Fact]
    public void A_factor_with_rows_at_one_level_is_an_error_naming_it()
    {
        var spec = Spec with { Terms = [Spec.Terms[0], new TermSpec { Name = "f", Type = TermType.Factor, Levels = ["u", "q"] }] };
        var ex = Assert.Throws<AnalysisException>(() => Combine(spec, Sites(SiteOf)));
        Assert.Contains("factor 'f' has rows at 1 of its levels", ex.Message);
    }

    [Fact]
    public void No_complete_rows_is_an_error_naming_the_variables()
    {
        var site = Table(1, ("y", [null, 2.0]), ("x1", [1.0, null]), ("x2", [1.0, 2.0]), ("f", ["u", "v"]));
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec, site));
        Assert.Contains("'y'", ex.Message);
        Assert.Contains("x1, x2, f", ex.Message);
    }

    [Fact]
    public void Unsupported_strata_and_text_outcome_are_errors()
    {
        var sites = Sites(SiteOf);
        Assert.Contains("strata_as_factor 'centre'", Assert.Throws<AnalysisException>(() => SiteStep(Spec with { StrataAsFactor = "centre" }, sites[0], DisclosureRules.None)).Message);
        Assert.Contains("outcome 'f'", Assert.Throws<AnalysisException>(() => SiteStep(Spec with { Outcome = "f" }, sites[0], DisclosureRules.None)).Message);
    }

    [Fact]
    public void Too_many_parameters_for_the_rows_is_refused()
    {
        // Site 2: 3 rows in the fit (its f = z row leaves it), 6 design columns.
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec, Sites(SiteOf)[1], DisclosureRules.Default));
        Assert.Equal(2, ex.Site);
        Assert.Equal("max_parameter_ratio", ex.Rule);
        Assert.Contains("6 parameters for 3 complete row(s)", ex.Reason);
    }

    [Fact]
    public void Too_few_rows_is_refused()
    {
        var rules = DisclosureRules.None with { MinSubsetSize = 4 };
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec, Sites(SiteOf)[2], rules));
        Assert.Equal("min_subset_size", ex.Rule);
        Assert.Contains("3 complete row(s)", ex.Reason);
        Assert.Contains("at least 4", ex.Reason);
        SiteStep(Spec, Sites(SiteOf)[0], rules);
        SiteStep(Spec, Sites(SiteOf)[2], DisclosureRules.None);
    }

    [Fact]
    public void A_large_offset_in_a_covariate_changes_only_the_intercept()
    {
        var spec = Spec with { Terms = [Spec.Terms[0], Spec.Terms[2]] };
        var plain = Run(spec, Sites(SiteOf));
        var shifted = Run(spec, Sites(SiteOf, shift: 1e5));
        foreach (var term in new[] { "x1", "fv", "fw" })
            foreach (var k in new[] { "estimate", "std_error" })
                Close(Num(Coef(plain, term), k), Num(Coef(shifted, term), k), 1e-8);
        Close(Num(plain, "sigma"), Num(shifted, "sigma"), 1e-8);
    }

    [Property(MaxTest = 50)]
    public Property Any_split_of_the_rows_over_sites_gives_the_pooled_fit()
    {
        var pooled = Run(Spec, Sites(new int[Y.Length].Select(_ => 1).ToArray()));
        var split = Gen.Choose(1, 4).ArrayOf(Y.Length).ToArbitrary();
        return Prop.ForAll(split, siteOf =>
        {
            var r = Run(Spec, Sites(siteOf));
            return new[] { "(Intercept)", "x1", "fv", "fw" }.All(t =>
                    Math.Abs(Num(Coef(r, t), "estimate") - Num(Coef(pooled, t), "estimate")) <= 1e-10
                    && Math.Abs(Num(Coef(r, t), "std_error") - Num(Coef(pooled, t), "std_error")) <= 1e-10)
                && Math.Abs(Num(r, "sigma") - Num(pooled, "sigma")) <= 1e-12
                && Coef(r, "x2")["estimate"] is null;
        });
    }

    [Fact]
    public void Aggregate_round_trips_through_JSON()
    {
        var a = new LmAggregate(5, 4, [1, 0.25, 3.5], [0, 0, 0.75, 0, -1.5, 12.25]);
        var back = RoundTrip(a);
        Assert.Equal(a.Means, back.Means);
        Assert.Equal(a.CrossProducts, back.CrossProducts);
        Assert.Equal((5, 4), (back.Rows, back.N));
        Assert.Equal(4, LmAggregate.Packed(2, 1));
        Assert.Equal(LmAggregate.Packed(1, 2), LmAggregate.Packed(2, 1));
        Assert.Equal("""{"rows":5,"n":4,"means":[1,0.25,3.5],"cross_products":[0,0,0.75,0,-1.5,12.25]}""", JsonSerializer.Serialize(a, StatsJson.Options));
    }
}
