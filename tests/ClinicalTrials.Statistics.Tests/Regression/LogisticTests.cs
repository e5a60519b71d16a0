using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Logistic;
using ClinicalTrials.Statistics.Tests.Support;
using static ClinicalTrials.Statistics.Tests.Regression.RegressionTables;

namespace ClinicalTrials.Statistics.Tests.Regression;

public sealed class LogisticTests
{
    private static readonly TermSpec X = new() { Name = "x", Type = TermType.Numeric };
    private static readonly TermSpec Z = new() { Name = "z", Type = TermType.Numeric };

    private static double Num(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    private static JsonElement Coef(System.Text.Json.Nodes.JsonObject result, string term) =>
        JsonSerializer.SerializeToElement(result["coefficients"]!.AsArray().Single(c => c!["term"]!.GetValue<string>() == term));

    [Fact]
    public void Two_by_two_table_gives_the_closed_form_log_odds_ratio()
    {
        // Hand-checked: with one binary covariate the MLE is the saturated fit of the 2×2 table
        // (x=1: 12 events, 8 non-events; x=0: 5 events, 15 non-events).
        var x = new List<double>();
        var y = new List<double>();
        void Add(double xv, double yv, int count) { for (var i = 0; i < count; i++) { x.Add(xv); y.Add(yv); } }
        Add(1, 1, 12); Add(1, 0, 8); Add(0, 1, 5); Add(0, 0, 15);
        var sites = Split(3, ("x", x.ToArray()), ("y", y.ToArray()));
        var spec = new LogisticSpec { Id = "t", Outcome = "y", Terms = [X] };
        var r = new FederatedEngine().Run(spec, sites).Result;

        var slope = Coef(r, "x");
        var intercept = Coef(r, "(Intercept)");
        Assert.Equal(Math.Log(12.0 * 15 / (8 * 5)), slope.GetProperty("estimate").GetDouble(), 1e-10);
        Assert.Equal(Math.Sqrt(1.0 / 12 + 1.0 / 8 + 1.0 / 5 + 1.0 / 15), slope.GetProperty("std_error").GetDouble(), 1e-10);
        Assert.Equal(Math.Log(5.0 / 15), intercept.GetProperty("estimate").GetDouble(), 1e-10);
        Assert.Equal(Math.Sqrt(1.0 / 5 + 1.0 / 15), intercept.GetProperty("std_error").GetDouble(), 1e-10);
        var deviance = -2 * (12 * Math.Log(0.6) + 8 * Math.Log(0.4) + 5 * Math.Log(0.25) + 15 * Math.Log(0.75));
        var nullDeviance = -2 * (17 * Math.Log(17.0 / 40) + 23 * Math.Log(23.0 / 40));
        Assert.Equal(deviance, r["deviance"]!.GetValue<double>(), 1e-9);
        Assert.Equal(nullDeviance, r["null_deviance"]!.GetValue<double>(), 1e-9);
        Assert.Equal(38, r["df_residual"]!.GetValue<int>());
        Assert.Equal(deviance + 4, r["aic"]!.GetValue<double>(), 1e-9);
        Assert.Equal(40, r["n"]!.GetValue<int>());
    }

    [Fact]
    public void Small_data_matches_R()
    {
        var sites = Split(2, ("y", TiedData.Status), ("x", TiedData.X), ("z", TiedData.Z));
        var r = new FederatedEngine().Run(new LogisticSpec { Id = "t", Outcome = "y", Terms = [X, Z] }, sites).Result;
        // R 4.2.2: glm(status ~ x + z, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
        //   (Intercept) 0.404126614987837, x 0.469388212975577, z 0.502504924537420
        //   deviance 15.9180836896813, null.deviance 16.7515484803872
        Assert.Equal(0.404126614987837, Coef(r, "(Intercept)").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(0.469388212975577, Coef(r, "x").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(0.502504924537420, Coef(r, "z").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(15.9180836896813, r["deviance"]!.GetValue<double>(), 1e-9);
        Assert.Equal(16.7515484803872, r["null_deviance"]!.GetValue<double>(), 1e-9);
    }

    [Fact]
    public void Event_outcome_compares_values_as_R_strings()
    {
        var y = TiedData.Status;
        var text = y.Select(v => v == 1 ? "yes" : "no").ToArray();
        var tables = Enumerable.Range(1, 2).Select(s => new SiteTable(s,
        [
            Column.FromStrings("resp", text.Where((_, i) => i % 2 == s - 1).ToArray()),
            Column.FromNumbers("code", y.Where((_, i) => i % 2 == s - 1).Select(v => v + 1).ToArray()),
            Column.FromNumbers("x", TiedData.X.Where((_, i) => i % 2 == s - 1).ToArray()),
            Column.FromNumbers("z", TiedData.Z.Where((_, i) => i % 2 == s - 1).ToArray()),
        ])).ToList();
        var engine = new FederatedEngine();
        var byText = engine.Run(new LogisticSpec { Id = "a", Outcome = new OutcomeSpec("resp", "yes"), Terms = [X, Z] }, tables).Result;
        // The code column holds 1/2; the event "2" matches R's as.character(2).
        var byCode = engine.Run(new LogisticSpec { Id = "a", Outcome = new OutcomeSpec("code", "2"), Terms = [X, Z] }, tables).Result;
        Assert.Equal(0.469388212975577, Coef(byText, "x").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(byText.ToJsonString(), byCode.ToJsonString());
    }

    [Fact]
    public void Aliased_column_is_NA_and_the_rest_is_R_without_it()
    {
        // R's glm (epsilon 1e-14) does not detect age2 = 2·age and diverges, so there is no R fit
        // with the aliased column; the fit without it (extra/regression-lung) is what NA means.
        var c = ReferenceCase.Load("extra/regression-lung");
        var spec = (LogisticSpec)c.Analyses.Single(a => a.Id == "death_logistic_unaliased");
        var aliased = spec with { Terms = [spec.Terms[0], new TermSpec { Name = "age2", Type = TermType.Numeric }, spec.Terms[1]] };
        var r = new FederatedEngine().Run(aliased, c.Sites).Result;
        Assert.Empty(ReferenceComparer.Compare(c.Expected["death_logistic_unaliased"], r));
        var age2 = Coef(r, "age2");
        Assert.Equal(JsonValueKind.Null, age2.GetProperty("estimate").ValueKind);
        Assert.Equal(JsonValueKind.Null, age2.GetProperty("std_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, age2.GetProperty("p_value").ValueKind);
    }

    [Fact]
    public void Quasi_separation_names_the_diverging_term()
    {
        // Level "c" of g never has the event: its log odds ratio is −∞.
        var g = new[] { "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c" };
        var y = new double[] { 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0 };
        var x = new double[] { 1.2, 0.3, 2.2, -0.5, 1.1, 0.7, 0.1, -1.3, 1.9, 0.4, 0.8, -0.2, 1.5, 0.9, 0.0, -0.6, 1.4, 0.3 };
        var tables = Enumerable.Range(1, 2).Select(s => new SiteTable(s,
        [
            Column.FromStrings("g", g.Where((_, i) => i % 2 == s - 1).ToArray()),
            Column.FromNumbers("y", y.Where((_, i) => i % 2 == s - 1).ToArray()),
            Column.FromNumbers("x", x.Where((_, i) => i % 2 == s - 1).ToArray()),
        ])).ToList();
        var spec = new LogisticSpec
        {
            Id = "sep",
            Outcome = "y",
            Terms = [new TermSpec { Name = "g", Type = TermType.Factor, Levels = ["a", "b", "c"] }, X],
        };
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(spec, tables));
        Assert.Contains("'gc'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("diverg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_separation_names_the_term()
    {
        double[] x = [-2, -1.5, -1, -0.5, -0.2, 0.2, 0.6, 1, 1.4, 2];
        var y = x.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var e = Assert.ThrowsAny<AnalysisException>(() =>
            new FederatedEngine().Run(new LogisticSpec { Id = "sep", Outcome = "y", Terms = [X] }, Split(2, ("x", x), ("y", y))));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_outcome_is_reported()
    {
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(
            new LogisticSpec { Id = "c", Outcome = "y", Terms = [X] }, Split(2, ("x", [1, 2, 3, 4]), ("y", [0, 0, 0, 0]))));
        Assert.Contains("'y'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no event", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iteration_limit_stops_with_a_clear_message()
    {
        var c = ReferenceCase.Load("colon");
        var spec = (LogisticSpec)c.Analyses.Single(a => a.Id == "death_logistic");
        var e = Assert.ThrowsAny<AnalysisException>(() => new FederatedEngine().Run(spec with { MaxIterations = 2 }, c.Sites));
        Assert.Contains("did not converge within 2 iterations", e.Message, StringComparison.Ordinal);
        Assert.Contains("death_logistic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_that_is_not_0_1_names_the_column()
    {
        var e = SiteError<AnalysisException>(() => new FederatedEngine().Run(
            new LogisticSpec { Id = "c", Outcome = "y", Terms = [X] }, Split(1, ("x", [1, 2, 3, 4]), ("y", [0, 2, 1, 0]))));
        Assert.Contains("'y'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disclosure_rules_refuse_small_or_saturated_sites()
    {
        var spec = new LogisticSpec { Id = "d", Outcome = "y", Terms = [X, Z] };
        var method = new LogisticMethod();
        var request = method.Start(spec, [1]);
        var tiny = Split(1, ("x", [1, 2]), ("y", [0, 1]), ("z", [3, 1]))[0];
        var small = Refused(() => method.SiteStep(tiny, request, DisclosureRules.Default));
        Assert.Equal("min_subset_size", small.Rule);
        Assert.Contains("2 complete row", small.Reason, StringComparison.Ordinal);

        var eight = Split(1, ("x", [1, 2, 3, 4, 5, 6, 7, 8]), ("y", [0, 1, 0, 1, 1, 0, 1, 0]), ("z", [3, 1, 4, 1, 5, 9, 2, 6]))[0];
        var ratio = Refused(() => method.SiteStep(eight, request, DisclosureRules.Default));
        Assert.Equal("max_parameter_ratio", ratio.Rule);
        Assert.Contains("3 parameters for 8", ratio.Reason, StringComparison.Ordinal);
        method.SiteStep(eight, request, DisclosureRules.None);
    }

    private static DisclosureRefusedException Refused(Action act) => Assert.Throws<DisclosureRefusedException>(act);

    [Fact]
    public void Aggregate_round_trips_through_json_and_has_a_size_independent_of_n()
    {
        var method = new LogisticMethod();
        var spec = new LogisticSpec { Id = "j", Outcome = "y", Terms = [X, Z] };
        var request = method.Start(spec, [1]) with { Beta = [0.1, -0.2, 0.3] };
        var sizes = new List<int>();
        foreach (var n in new[] { 50, 5000 })
        {
            var x = Enumerable.Range(0, n).Select(i => Math.Sin(i) * 3).ToArray();
            var z = Enumerable.Range(0, n).Select(i => Math.Cos(i * 0.7)).ToArray();
            var y = Enumerable.Range(0, n).Select(i => (i * 7919 % 13) < 6 ? 1.0 : 0.0).ToArray();
            var element = method.SiteStep(Split(1, ("x", x), ("y", y), ("z", z))[0], request, DisclosureRules.None);
            var text = element.GetRawText();
            var typed = JsonSerializer.Deserialize<LogisticAggregate>(text, StatsJson.Options)!;
            Assert.Equal(n, typed.N);
            Assert.Equal(3, typed.Score.Length);
            Assert.Equal(6, typed.Information.Length);
            Assert.Equal(text, JsonSerializer.Serialize(typed, StatsJson.Options));
            sizes.Add(text.Length);
        }
        Assert.True(sizes[1] < 2 * sizes[0], $"aggregate sizes {sizes[0]} and {sizes[1]} bytes");
    }

    [Fact]
    public void Federated_fit_equals_the_fit_on_pooled_rows()
    {
        var c = ReferenceCase.Load("colon");
        var spec = c.Analyses.Single(a => a.Id == "death_logistic");
        var engine = new FederatedEngine();
        var federated = engine.Run(spec, c.Sites).Result;
        var pooled = engine.Run(spec, [Pool(c.Sites)]).Result;
        Assert.Empty(ReferenceComparer.Compare(pooled, federated));
    }
}
