using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Cox;
using ClinicalTrials.Statistics.Tests.Support;
using static ClinicalTrials.Statistics.Tests.Regression.RegressionTables;

namespace ClinicalTrials.Statistics.Tests.Regression;

public sealed class CoxTests
{
    private static readonly TermSpec X = new() { Name = "x", Type = TermType.Numeric };
    private static readonly TermSpec Z = new() { Name = "z", Type = TermType.Numeric };

    private static CoxSpec TiedSpec(string ties, string? strata) =>
        new() { Id = "tied", Time = "time", Event = "status", Terms = [X, Z], Ties = ties, Strata = strata };

    private static (string, double[])[] TiedColumns() =>
        [("time", TiedData.Time), ("status", TiedData.Status), ("x", TiedData.X), ("z", TiedData.Z)];

    // R 4.2.2, survival 3.5-3: coxph(Surv(time, status) ~ x + z, data = d, ties = ...,
    //   control = coxph.control(eps = 1e-12, toler.chol = 1e-15)); coef, sqrt(diag(var)), loglik, score.
    private static JsonObject RTied(string ties) => JsonNode.Parse(ties == "efron"
        ? """
          {"coefficients": [{"term": "x", "estimate": -0.012938619615852, "std_error": 0.651970057746828},
                            {"term": "z", "estimate": 0.160201975265173, "std_error": 0.289425016511907}],
           "loglik_initial": -19.3741100227755, "loglik_final": -19.2227894628730,
           "score_test": {"statistic": 0.308769428710353, "df": 2}, "n": 14, "n_events": 10}
          """
        : """
          {"coefficients": [{"term": "x", "estimate": 0.0267613227408389, "std_error": 0.649556180498248},
                            {"term": "z", "estimate": 0.1278242855208799, "std_error": 0.291370199418747}],
           "loglik_initial": -20.0667763184981, "loglik_final": -19.9709782118087,
           "score_test": {"statistic": 0.194906099718594, "df": 2}, "n": 14, "n_events": 10}
          """)!.AsObject();

    [Theory]
    [InlineData("efron")]
    [InlineData("breslow")]
    public void Tied_times_match_R_for_Efron_and_Breslow(string ties)
    {
        var engine = new FederatedEngine();
        // One site is one stratum: the stratified path on all rows.
        var stratified = engine.Run(TiedSpec(ties, "site"), Split(1, TiedColumns())).Result;
        Assert.Empty(ReferenceComparer.Compare(RTied(ties), stratified, ties + " stratified"));
        // Pooled risk sets over three sites, ties spanning sites.
        var pooled = engine.Run(TiedSpec(ties, null), Split(3, TiedColumns())).Result;
        Assert.Empty(ReferenceComparer.Compare(RTied(ties), pooled, ties + " pooled"));
    }

    [Fact]
    public void Efron_and_Breslow_differ_on_tied_data()
    {
        var engine = new FederatedEngine();
        var efron = engine.Run(TiedSpec("efron", "site"), Split(1, TiedColumns())).Result;
        var breslow = engine.Run(TiedSpec("breslow", "site"), Split(1, TiedColumns())).Result;
        Assert.NotEqual(efron["loglik_final"]!.GetValue<double>(), breslow["loglik_final"]!.GetValue<double>(), 6);
    }

    [Fact]
    public void Aliased_term_is_NA_with_zero_standard_error_as_R()
    {
        var c = ReferenceCase.Load("extra/regression-lung");
        foreach (var id in new[] { "cox_aliased_site", "cox_aliased_pooled" })
        {
            var r = new FederatedEngine().Run(c.Analyses.Single(a => a.Id == id), c.Sites).Result;
            var age2 = r["coefficients"]!.AsArray().Single(x => x!["term"]!.GetValue<string>() == "age2")!;
            Assert.Null(age2["estimate"]);
            Assert.Equal(0, age2["std_error"]!.GetValue<double>());
            Assert.Null(age2["hazard_ratio"]);
            Assert.Equal(3, r["score_test"]!["df"]!.GetValue<int>());
            Assert.Empty(ReferenceComparer.Compare(c.Expected[id], r, id));
        }
    }

    [Theory]
    [InlineData("site")]
    [InlineData(null)]
    public void Zero_events_is_an_analysis_error(string? strata)
    {
        var columns = TiedColumns();
        columns[1] = ("status", new double[TiedData.Status.Length]);
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(TiedSpec("efron", strata), Split(2, columns)));
        Assert.Contains("no events", e.Message, StringComparison.Ordinal);
        Assert.Contains("'status'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iteration_limit_stops_with_a_clear_message()
    {
        var c = ReferenceCase.Load("colon");
        var spec = (CoxSpec)c.Analyses.Single(a => a.Id == "cox_efron");
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(spec with { MaxIterations = 1 }, c.Sites));
        Assert.Contains("did not converge within 1 iterations", e.Message, StringComparison.Ordinal);
        Assert.Contains("cox_efron", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site")]
    [InlineData(null)]
    public void Monotone_likelihood_names_the_diverging_term(string? strata)
    {
        // Whoever dies first has the largest x in every risk set: β_x → +∞.
        double[] time = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        double[] status = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1];
        var x = time.Select(t => 20 - t).ToArray();
        double[] z = [0.3, -1.1, 0.8, 0.1, -0.4, 1.6, -0.9, 0.5, 1.2, -0.3, 0.7, -1.5];
        var spec = new CoxSpec { Id = "mono", Time = "time", Event = "status", Terms = [X, Z], Strata = strata };
        var sites = strata is null ? Split(2, ("time", time), ("status", status), ("x", x), ("z", z)) : Split(1, ("time", time), ("status", status), ("x", x), ("z", z));
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(spec, sites));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("diverg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binned_pooled_cox_equals_R_on_the_binned_times_and_says_so()
    {
        // extra/regression-lung: cox_time30_pooled is R's coxph on time30 = ceiling(time / 30) * 30.
        var c = ReferenceCase.Load("extra/regression-lung");
        var r30 = (CoxSpec)c.Analyses.Single(a => a.Id == "cox_time30_pooled");
        var onExactTimes = r30 with { Time = "time" };
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Binned, TimeBinWidth = 30 };
        var r = new FederatedEngine().Run(onExactTimes, c.Sites, rules).Result;
        Assert.Empty(ReferenceComparer.Compare(c.Expected["cox_time30_pooled"], r));
        var resolution = r["_resolution"]!.GetValue<string>();
        Assert.Contains("width 30", resolution, StringComparison.Ordinal);
        Assert.Contains("site 1, 2, 3, 4", resolution, StringComparison.Ordinal);

        var exact = new FederatedEngine().Run(onExactTimes, c.Sites).Result;
        Assert.Null(exact["_resolution"]);
        Assert.NotEmpty(ReferenceComparer.Compare(c.Expected["cox_time30_pooled"], exact));
    }

    [Fact]
    public void Sites_that_never_release_event_times_refuse_pooled_but_not_stratified_cox()
    {
        var c = ReferenceCase.Load("colon");
        var never = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Never };
        var pooled = c.Analyses.Single(a => a.Id == "cox_unstratified");
        var e = SiteError<DisclosureRefusedException>(() => new FederatedEngine().Run(pooled, c.Sites, never));
        Assert.Equal("event_times", e.Rule);
        Assert.Contains("cox_unstratified", e.Reason, StringComparison.Ordinal);

        var stratified = c.Analyses.Single(a => a.Id == "cox_efron");
        var r = new FederatedEngine().Run(stratified, c.Sites, never).Result;
        Assert.Empty(ReferenceComparer.Compare(c.Expected["cox_efron"], r));
    }

    [Theory]
    [InlineData("cox_efron")]
    [InlineData("cox_unstratified")]
    public void Aggregates_round_trip_through_json(string id)
    {
        var c = ReferenceCase.Load("colon");
        var spec = c.Analyses.Single(a => a.Id == id);
        var method = new CoxMethod();
        var request = method.Start(spec, [1, 2, 3, 4, 5]) with { Beta = Enumerable.Repeat(0.01, id == "cox_efron" ? 4 : 2).ToArray() };
        var text = method.SiteStep(c.Sites[0], request, DisclosureRules.None).GetRawText();
        var typed = JsonSerializer.Deserialize<CoxAggregate>(text, StatsJson.Options)!;
        Assert.Equal(text, JsonSerializer.Serialize(typed, StatsJson.Options));
        Assert.Equal(id == "cox_efron", typed.Stratum is not null);
        Assert.Equal(id == "cox_efron", typed.Times is null);
    }

    [Fact]
    public void Stratified_aggregate_size_does_not_depend_on_n()
    {
        var c = ReferenceCase.Load("colon");
        var spec = c.Analyses.Single(a => a.Id == "cox_efron");
        var engine = new FederatedEngine();
        var small = engine.Run(spec, c.Sites).MaxAggregateBytes;
        var large = engine.Run(spec, [Pool(c.Sites)]).MaxAggregateBytes;
        Assert.InRange(large, 1, small + 64);
    }

    [Theory]
    [InlineData("colon", "cox_efron", "age")]
    [InlineData("extra/regression-lung", "cox_efron_pooled", "age")]
    [InlineData("extra/regression-pbc", "cox_pooled", "albumin")]
    public void Results_do_not_depend_on_where_a_covariate_is_centred(string caseName, string id, string column)
    {
        // Shifting a covariate by a large constant changes no coefficient or likelihood; without
        // centring, exp(η) and the information's cancellation would show it.
        var c = ReferenceCase.Load(caseName);
        var shifted = c.Sites.Select(s => Map(s, column, v => v + 1e5)).ToList();
        var r = new FederatedEngine().Run(c.Analyses.Single(a => a.Id == id), shifted).Result;
        Assert.Empty(ReferenceComparer.Compare(c.Expected[id], r, id));
    }

    [Fact]
    public void Single_site_pooled_cox_is_coxph_on_that_site()
    {
        // What a meta-analysis fits per site: strata null, one site, exact times; R's per-site
        // estimates are in the colon case's meta_fe result.
        var c = ReferenceCase.Load("colon");
        var perSite = ((MetaSpec)c.Analyses.Single(a => a.Id == "meta_fe")).PerSite;
        foreach (var expected in c.Expected["meta_fe"]!["per_site"]!.AsArray())
        {
            var site = c.Sites.Single(s => s.Site == expected!["site"]!.GetValue<int>());
            var run = new FederatedEngine().Run(perSite, [site], DisclosureRules.None);
            var row = run.Result["coefficients"]!.AsArray().Single(x => x!["term"]!.GetValue<string>() == "rxLev+5FU")!;
            var fields = new JsonObject { ["estimate"] = expected!["estimate"]!.DeepClone(), ["std_error"] = expected["std_error"]!.DeepClone() };
            Assert.Empty(ReferenceComparer.Compare(fields, row, $"site {site.Site}"));
        }
    }

    [Fact]
    public void Unknown_ties_or_strata_are_reported()
    {
        var sites = Split(1, TiedColumns());
        var ties = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(TiedSpec("exact", null), sites));
        Assert.Contains("'exact'", ties.Message, StringComparison.Ordinal);
        var strata = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(TiedSpec("efron", "centre"), sites));
        Assert.Contains("'centre'", strata.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_value_selects_the_event_as_R_strings()
    {
        // lung's status is 1 (censored) / 2 (dead); {"name": "status", "event": 2} is the column dead.
        var c = ReferenceCase.Load("extra/regression-lung");
        var spec = (CoxSpec)c.Analyses.Single(a => a.Id == "cox_efron_pooled");
        var r = new FederatedEngine().Run(spec with { Event = new OutcomeSpec("status", "2") }, c.Sites).Result;
        Assert.Empty(ReferenceComparer.Compare(c.Expected["cox_efron_pooled"], r));
    }
}
