using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Describe;

namespace ClinicalTrials.Statistics.Tests.Basic;

/// <summary>Hand-computed values, error messages and refusals of describe, ttest, chisq, cmh and lm.</summary>
public sealed class BasicEdgeTests
{
    private static SiteTable Site(int site, double?[] x, string?[] g, string?[]? y = null)
    {
        var cols = new List<Column>
        {
            Column.FromNumbers("x", x.Select(v => v ?? double.NaN).ToArray()),
            Column.FromStrings("g", g),
        };
        if (y is not null) cols.Add(Column.FromStrings("y", y));
        return new SiteTable(site, cols);
    }

    private static JsonObject Run(AnalysisSpec spec, DisclosureRules? rules, params SiteTable[] sites) =>
        new FederatedEngine().Run(spec, sites, rules).Result;

    [Fact]
    public void Describe_counts_missing_overall_and_within_groups()
    {
        // x: 1, 2, NA | 3, 5, NA with groups a, a, b | b, NA, a. By hand: overall n=4 mean 2.75,
        // sd = sqrt(((1-2.75)²+(2-2.75)²+(3-2.75)²+(5-2.75)²)/3) = sqrt(8.75/3); missing 2.
        var r = Run(new DescribeSpec { Id = "d", Variable = "x", By = "g" }, null,
            Site(1, [1, 2, null], ["a", "a", "b"]),
            Site(2, [3, 5, null], ["b", null, "a"]));
        Assert.Equal(4, (long)r["overall"]!["n"]!);
        Assert.Equal(2.75, (double)r["overall"]!["mean"]!, 14);
        Assert.Equal(Math.Sqrt(8.75 / 3), (double)r["overall"]!["sd"]!, 14);
        Assert.Equal(2, (long)r["overall"]!["missing"]!);
        Assert.Equal(2, (long)r["by"]!["a"]!["n"]!);
        Assert.Equal(1, (long)r["by"]!["a"]!["missing"]!);
        Assert.Equal(1, (long)r["by"]!["b"]!["missing"]!);
        Assert.Equal(1, (long)r["by"]!["b"]!["n"]!); // b: NA at site 1, 3 at site 2; the row with a missing group counts only overall
    }

    [Fact]
    public void Describe_of_a_group_of_one_gives_NA_sd_and_a_given_level_with_no_rows_gives_NA_mean()
    {
        var r = Run(new DescribeSpec { Id = "d", Variable = "x", By = "g", Levels = ["a", "z"] }, null, Site(1, [4, 6, 7], ["a", "b", "b"]));
        Assert.Null(r["by"]!["a"]!["sd"]);
        Assert.Equal(0, (long)r["by"]!["z"]!["n"]!);
        Assert.Null(r["by"]!["z"]!["mean"]);
        Assert.False(r["by"]!.AsObject().ContainsKey("b"));
    }

    [Fact]
    public void Moments_merge_exactly_whatever_the_split()
    {
        double[] all = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5];
        var whole = Moments.Of(all);
        var merged = Moments.Of(all[..2]).Merge(Moments.Of(all[2..]));
        Assert.Equal(whole.N, merged.N);
        Assert.Equal(whole.Mean, merged.Mean, 6);
        Assert.Equal(10.0, merged.M2, 9); // Σx² − n x̄² would lose every digit here
    }

    [Fact]
    public void Welch_ttest_names_the_group_that_is_too_small()
    {
        // Student's test accepts a group of one (R's t.test(var.equal = TRUE) does); Welch's cannot.
        var e = Assert.ThrowsAny<AnalysisException>(() => Run(
            new TTestSpec { Id = "t", Variable = "x", Group = "g", Levels = ["a", "b"], Welch = true }, null, Site(1, [1, 2, 3], ["a", "a", "b"])));
        Assert.Contains("'b'", e.Message);
        Assert.NotNull(Run(new TTestSpec { Id = "t", Variable = "x", Group = "g", Levels = ["a", "b"] }, null, Site(1, [1, 2, 3], ["a", "a", "b"]))["statistic"]);
    }

    [Fact]
    public void Ttest_Student_matches_the_textbook_formula()
    {
        // a = 1, 2, 3 (mean 2, var 1); b = 4, 6 (mean 5, var 2); pooled var = (2 + 2)/3; se = sqrt(4/3 · (1/3 + 1/2)).
        var r = Run(new TTestSpec { Id = "t", Variable = "x", Group = "g", Levels = ["a", "b"] }, null,
            Site(1, [1, 2, 4], ["a", "a", "b"]), Site(2, [3, 6], ["a", "b"]));
        Assert.Equal(-3, (double)r["estimate"]!, 14);
        Assert.Equal(-3 / Math.Sqrt(4.0 / 3 * (1.0 / 3 + 0.5)), (double)r["statistic"]!, 12);
        Assert.Equal(3, (double)r["df"]!);
    }

    [Fact]
    public void Small_groups_and_cells_are_refused_with_the_rule_and_the_count()
    {
        var rules = DisclosureRules.Default;
        var site = Site(4, [1, 2, 3, 4, 5], ["a", "a", "a", "a", "b"], ["0", "1", "0", "1", "1"]);
        var describe = Assert.Throws<DisclosureRefusedException>(() => Run(new DescribeSpec { Id = "d", Variable = "x", By = "g" }, rules, site));
        Assert.Equal("min_subset_size", describe.Rule);
        Assert.Equal(4, describe.Site);
        Assert.Contains("g = 'b' has 1", describe.Reason);
        var chisq = Assert.Throws<DisclosureRefusedException>(() => Run(new ChisqSpec { Id = "c", Row = "g", Col = "y" }, rules, site));
        Assert.Equal("min_cell_count", chisq.Rule);
        Assert.Contains("g = 'a', y = '0' has 2 row(s)", chisq.Reason);
        var cmh = Assert.Throws<DisclosureRefusedException>(() => Run(
            new CmhSpec { Id = "m", Exposure = "g", Outcome = "y", ExposureLevels = ["a", "b"], OutcomeEvent = "1" }, rules, site));
        Assert.Equal("min_cell_count", cmh.Rule);
        var lm = Assert.Throws<DisclosureRefusedException>(() => Run(
            new LmSpec { Id = "l", Outcome = "x", Terms = [new TermSpec { Name = "g", Type = TermType.Factor, Levels = ["a", "b"] }] },
            rules with { MaxParameterRatio = 0.3 }, site));
        Assert.Equal("max_parameter_ratio", lm.Rule);
        Assert.Contains("2 parameters for 5", lm.Reason);
    }

    [Fact]
    public void The_same_data_pass_without_rules()
    {
        var site = Site(4, [1, 2, 3, 4, 5], ["a", "a", "a", "a", "b"], ["0", "1", "0", "1", "1"]);
        Assert.NotNull(Run(new ChisqSpec { Id = "c", Row = "g", Col = "y" }, DisclosureRules.None, site)["statistic"]);
    }

    [Fact]
    public void Lm_reports_an_aliased_term_as_NA_and_fits_the_rest()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];
        var site = new SiteTable(1, [Column.FromNumbers("x", x), Column.FromNumbers("x2", x.Select(v => 2 * v).ToArray()), Column.FromNumbers("y", y)]);
        var r = Run(new LmSpec { Id = "l", Outcome = "y", Terms = [Num("x"), Num("x2")] }, null, site);
        var coefs = r["coefficients"]!.AsArray();
        Assert.Null(coefs[2]!["estimate"]);
        Assert.Equal(4, (double)r["df_residual"]!);
        // least squares slope by hand: Sxy / Sxx = 35.35 / 17.5
        Assert.Equal(35.35 / 17.5, (double)coefs[1]!["estimate"]!, 12);
    }

    [Fact]
    public void Cmh_refuses_a_stratum_of_one_row_like_R()
    {
        var e = Assert.ThrowsAny<AnalysisException>(() => Run(
            new CmhSpec { Id = "m", Exposure = "g", Outcome = "y", ExposureLevels = ["a", "b"], OutcomeEvent = "1" }, null,
            Site(1, [1, 2, 3, 4], ["a", "b", "a", "b"], ["1", "0", "0", "1"]), Site(2, [1], ["a"], ["1"])));
        Assert.Contains("site 2", e.Message);
        Assert.Contains("1 row", e.Message);
    }

    [Fact]
    public void A_numeric_term_on_a_text_column_is_named()
    {
        var e = Assert.ThrowsAny<AnalysisException>(() => Run(
            new LmSpec { Id = "l", Outcome = "x", Terms = [Num("g")] }, null, Site(1, [1, 2, 3], ["a", "b", "c"])));
        Assert.Contains("term 'g' is numeric in the SAP but the column holds text", e.Message);
    }

    private static TermSpec Num(string name) => new() { Name = name, Type = TermType.Numeric };
}
