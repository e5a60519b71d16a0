using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Meta;
using static ClinicalTrials.Statistics.Tests.Survival.SurvivalData;

namespace ClinicalTrials.Statistics.Tests.Survival;

/// <summary>
/// Meta-analysis against metafor 3.8-1's rma. Expected values are R output (pasted, not computed by
/// this code) of
/// <code>
/// cells &lt;- list(c(4,6,3,7), c(5,0,2,8), c(10,10,5,15))   # treated event, treated no event, control event, control no event
/// est &lt;- t(sapply(cells, function(ce) { if (any(ce == 0)) ce &lt;- ce + 0.5; c(log(ce[1]*ce[4]/(ce[2]*ce[3])), sqrt(sum(1/ce))) }))
/// rma(yi = est[,1], sei = est[,2], method = "FE" / "DL")
/// rma(yi = c(0.2, 0.9, -0.4), sei = c(0.2, 0.25, 0.3), method = "FE" / "DL")
/// </code>
/// </summary>
public sealed class MetaTests
{
    private static readonly int[][] Cells = [[4, 6, 3, 7], [5, 0, 2, 8], [10, 10, 5, 15]];

    private static SiteTable TwoByTwo(int site, int[] cells)
    {
        var arm = new List<string?>();
        var dead = new List<double>();
        void Add(string a, double y, int count)
        {
            for (var i = 0; i < count; i++) { arm.Add(a); dead.Add(y); }
        }
        Add("trt", 1, cells[0]);
        Add("trt", 0, cells[1]);
        Add("ctl", 1, cells[2]);
        Add("ctl", 0, cells[3]);
        // Rows of another arm and rows with a missing outcome are not part of the table.
        arm.Add("other"); dead.Add(1);
        arm.Add("trt"); dead.Add(double.NaN);
        return new SiteTable(site, [Column.FromStrings("arm", [.. arm]), Column.FromNumbers("dead", [.. dead])]);
    }

    private static MetaSpec OrSpec(string method) => new()
    {
        Id = "meta_or",
        Method = method,
        Term = "logOR",
        PerSite = new Or2x2Spec { Exposure = "arm", Outcome = "dead", ExposureLevels = ["trt", "ctl"], OutcomeEvent = "1" },
    };

    private static IReadOnlyList<SiteTable> OrSites() => Cells.Select((c, i) => TwoByTwo(i + 1, c)).ToList();

    [Fact]
    public void Or2x2_per_site_estimates_add_one_half_only_where_a_cell_is_zero()
    {
        var r = Run(OrSpec("FE"), OrSites());
        var rows = r["per_site"]!.AsArray();
        Assert.Equal([1, 2, 3], rows.Select(x => x!["site"]!.GetValue<int>()));
        Close(0.44183275227903923, rows[0]!["estimate"], "site 1");
        Close(0.94491118252306805, rows[0]!["std_error"], "site 1 SE");
        Close(3.62167070442048633, rows[1]!["estimate"], "site 2 (zero cell)");
        Close(1.64300494236679384, rows[1]!["std_error"], "site 2 SE");
        Close(1.09861228866810978, rows[2]!["estimate"], "site 3");
        Close(0.68313005106397318, rows[2]!["std_error"], "site 3 SE");
    }

    [Fact]
    public void Or2x2_fixed_effect_matches_rma()
    {
        var r = Run(OrSpec("FE"), OrSites());
        Close(1.1533994152140927, r["estimate"], "estimate");
        Close(0.524625405385032, r["std_error"], "se");
        Close(0.12515251528470439, r["conf_low"], "ci.lb");
        Close(2.1816463151434808, r["conf_high"], "ci.ub");
        Close(2.1985199408473028, r["z"], "z");
        Close(0.027912075127405574, r["p_value"], "p");
        Close(0, r["tau2"], "tau2");
        Close(29.338515172296979, r["I2"], "I2");
        Close(2.8303962262846403, r["Q"], "Q");
        Assert.Equal(2, r["Q_df"]!.GetValue<int>());
        Close(0.24287749145906878, r["Q_p"], "Q_p");
    }

    [Fact]
    public void Or2x2_dersimonian_laird_matches_rma()
    {
        var r = Run(OrSpec("DL"), OrSites());
        Close(1.2378671426631955, r["estimate"], "estimate");
        Close(0.67207284964021841, r["std_error"], "se");
        Close(-0.079371437618835472, r["conf_low"], "ci.lb");
        Close(2.5551057229452265, r["conf_high"], "ci.ub");
        Close(1.8418645290103066, r["z"], "z");
        Close(0.065494968238280465, r["p_value"], "p");
        Close(0.41802798224307081, r["tau2"], "tau2");
        Close(29.338515172296979, r["I2"], "I2");
        Close(2.8303962262846403, r["Q"], "Q");
        Close(0.24287749145906878, r["Q_p"], "Q_p");
    }

    [Fact]
    public void Or2x2_cell_below_the_minimum_is_refused_but_a_zero_cell_is_not()
    {
        var rules = DisclosureRules.None with { MinCellCount = 3 };
        var e = Throws<DisclosureRefusedException>(() => Run(OrSpec("DL"), [TwoByTwo(1, [4, 6, 3, 7]), TwoByTwo(2, [5, 0, 2, 8])], rules));
        Assert.Equal("min_cell_count", e.Rule);
        Assert.Equal(2, e.Site);
        Assert.Contains("arm = 'ctl'", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds 2 row(s)", e.Message, StringComparison.Ordinal);

        var ok = Run(OrSpec("DL"), [TwoByTwo(1, [4, 6, 3, 7]), TwoByTwo(2, [5, 0, 3, 8])], rules);
        Assert.Equal(2, ok["per_site"]!.AsArray().Count);
    }

    [Fact]
    public void A_single_site_has_no_heterogeneity()
    {
        // metafor with k = 1: tau2 0, I2 0, QE 0, QEp 1.
        var r = Run(OrSpec("DL"), [TwoByTwo(1, [4, 6, 3, 7])]);
        Close(0.44183275227903923, r["estimate"], "estimate");
        Close(0, r["tau2"], "tau2");
        Close(0, r["I2"], "I2");
        Close(0, r["Q"], "Q");
        Assert.Equal(0, r["Q_df"]!.GetValue<int>());
        Close(1, r["Q_p"], "Q_p");
    }

    [Fact]
    public void Unknown_method_or_per_site_type_is_an_analysis_error()
    {
        Assert.Contains("REML", Throws<AnalysisException>(() => Run(OrSpec("REML"), OrSites())).Message, StringComparison.Ordinal);
        var nested = OrSpec("FE") with { PerSite = OrSpec("FE") };
        Assert.Contains("per_site", Throws<AnalysisException>(() => Run(nested, OrSites())).Message, StringComparison.Ordinal);
    }

    // Per-site fits: the registered method of the per-site type runs at the site. Until the Cox and
    // logistic methods are merged, a fake "cox" that reads its answer from the site's rows stands in.

    private static SiteTable FitSite(int site, double estimate, double se, int rows = 5) => new(site,
    [
        Column.FromNumbers("time", [.. Enumerable.Range(1, rows).Select(i => (double)i)]),
        Column.FromNumbers("status", [.. Enumerable.Range(1, rows).Select(i => (double)(i % 2))]),
        Column.FromNumbers("est", [.. Enumerable.Repeat(estimate, rows)]),
        Column.FromNumbers("se", [.. Enumerable.Repeat(se, rows)]),
    ]);

    private static MetaSpec CoxMeta(string method, string term = "x") => new()
    {
        Id = "meta_cox",
        Method = method,
        Term = term,
        PerSite = new CoxSpec
        {
            Time = "time",
            Event = "status",
            Terms = [new TermSpec { Name = "est", Type = TermType.Numeric }],
            Strata = "site",
        },
    };

    private static JsonObject RunFake(MetaSpec spec, IReadOnlyList<SiteTable> sites, DisclosureRules? rules = null)
    {
        // A test-only registry: the meta method looks per-site fits up in the registry it is given.
        var registry = new FederatedMethods([new MetaMethod(new FederatedMethods([new FakeCox()]))]);
        return new FederatedEngine(registry).Run(spec, sites, rules ?? DisclosureRules.None).Result;
    }

    private static IReadOnlyList<SiteTable> FitSites() => [FitSite(1, 0.2, 0.2), FitSite(2, 0.9, 0.25), FitSite(3, -0.4, 0.3)];

    [Fact]
    public void Per_site_fits_run_through_the_registry_and_pool_as_rma_fixed_effect()
    {
        var r = RunFake(CoxMeta("FE"), FitSites());
        Assert.Equal([0.2, 0.9, -0.4], r["per_site"]!.AsArray().Select(x => x!["estimate"]!.GetValue<double>()));
        Close(0.28699360341151381, r["estimate"], "estimate");
        Close(0.13852712896188304, r["std_error"], "se");
        Close(0.01548541976448764, r["conf_low"], "ci.lb");
        Close(0.55850178705854003, r["conf_high"], "ci.ub");
        Close(2.0717501731410501, r["z"], "z");
        Close(0.038288745627948137, r["p_value"], "p");
        Close(82.526080476900148, r["I2"], "I2");
        Close(11.445628997867805, r["Q"], "Q");
        Close(0.0032704931372851847, r["Q_p"], "Q_p");
    }

    [Fact]
    public void Per_site_fits_pool_as_rma_dersimonian_laird()
    {
        var r = RunFake(CoxMeta("DL"), FitSites());
        Close(0.24796292566300895, r["estimate"], "estimate");
        Close(0.34188067092317137, r["std_error"], "se");
        Close(-0.422110876356797, r["conf_low"], "ci.lb");
        Close(0.91803672768281486, r["conf_high"], "ci.ub");
        Close(0.72529085950791305, r["z"], "z");
        Close(0.46827361207809276, r["p_value"], "p");
        Close(0.28766233766233773, r["tau2"], "tau2");
        Close(82.526080476900162, r["I2"], "I2");
    }

    [Fact]
    public void Per_site_fit_on_fewer_rows_than_the_minimum_subset_is_refused()
    {
        var rules = DisclosureRules.None with { MinSubsetSize = 5 };
        var e = Throws<DisclosureRefusedException>(() => RunFake(CoxMeta("FE"), [FitSite(1, 0.2, 0.2), FitSite(2, 0.9, 0.25, rows: 4)], rules));
        Assert.Equal("min_subset_size", e.Rule);
        Assert.Equal(2, e.Site);
        Assert.Contains("4 row(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_site_fit_with_too_many_parameters_per_row_is_refused()
    {
        var rules = DisclosureRules.None with { MaxParameterRatio = 0.1 };
        var e = Throws<DisclosureRefusedException>(() => RunFake(CoxMeta("FE"), FitSites(), rules));
        Assert.Equal("max_parameter_ratio", e.Rule);
    }

    [Fact]
    public void A_term_the_site_fit_does_not_have_is_an_analysis_error_naming_it()
    {
        var e = Throws<AnalysisException>(() => RunFake(CoxMeta("FE", term: "rxLev"), FitSites()));
        Assert.Contains("'rxLev'", e.Message, StringComparison.Ordinal);
        Assert.Contains("its coefficients: x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_aggregate_is_the_estimate_and_its_error_only()
    {
        var method = new MetaMethod(new FederatedMethods([new FakeCox()]));
        var element = method.SiteStep(FitSite(1, 0.2, 0.2), method.Start(CoxMeta("FE"), [1]), DisclosureRules.None);
        Assert.Equal(["estimate", "std_error"], element.EnumerateObject().Select(p => p.Name));
        var typed = element.Deserialize<MetaSiteEstimate>(StatsJson.Options)!;
        Assert.Equal(new MetaSiteEstimate { Estimate = 0.2, StdError = 0.2 }, typed);
        Assert.Equal(element.GetRawText(), JsonSerializer.Serialize(typed, StatsJson.Options));
    }

    /// <summary>A stand-in "cox" whose single coefficient x is read from the site's est/se columns; it insists on no strata, as the kit's per-site Cox.</summary>
    private sealed class FakeCox : FederatedMethod<CoxSpec, FakeCox.Fit>
    {
        public sealed record Fit(double Estimate, double StdError, int N);

        public override string Type => "cox";

        protected override Fit SiteStep(SiteTable data, CoxSpec spec, RoundRequest request, DisclosureRules rules)
        {
            Assert.Null(spec.Strata);
            return new Fit(data["est"].Number(0), data["se"].Number(0), data.RowCount);
        }

        protected override CombineOutcome Combine(CoxSpec spec, RoundRequest request, IReadOnlyList<(int Site, Fit Aggregate)> aggregates)
        {
            var (_, fit) = Assert.Single(aggregates);
            return Done(new
            {
                coefficients = new[] { new { term = "x", estimate = fit.Estimate, std_error = fit.StdError } },
                n = fit.N,
            });
        }
    }
}
