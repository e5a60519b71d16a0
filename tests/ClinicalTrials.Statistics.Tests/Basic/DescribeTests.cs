using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Methods.Describe;
using static ClinicalTrials.Statistics.Tests.Basic.BasicData;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class DescribeTests
{
    // Pooled: x = 1, 2, 3, NA, 10, 4, 5, NA, 6, 7; g = a, a, b, b, NA, a, NA, b, b, c.
    private static readonly Data.SiteTable Site1 = Table(1, ("x", [1, 2, 3, null, 10]), ("g", ["a", "a", "b", "b", null]));
    private static readonly Data.SiteTable Site2 = Table(2, ("x", [4, 5, null, 6, 7]), ("g", ["a", null, "b", "b", "c"]));

    [Fact]
    public void Overall_and_by_group_match_R()
    {
        var r = Run(new DescribeSpec { Id = "d", Variable = "x", By = "g" }, Site1, Site2);

        // R 4.2.2: mean(x, na.rm = TRUE); sd(x, na.rm = TRUE); per level l: v <- x[!is.na(g) & g == l]
        //   overall 4.75 2.91547594742265; a 3 2.33333333333333 1.52752523165195 0; b 2 4.5 2.12132034355964 2; c 1 7 NA 0
        Assert.Equal(8, Num(r, "overall", "n"));
        Close(4.75, Num(r, "overall", "mean"));
        Close(2.91547594742265, Num(r, "overall", "sd"));
        Assert.Equal(2, Num(r, "overall", "missing"));
        Assert.Equal(["a", "b", "c"], r["by"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(3, Num(r, "by", "a", "n"));
        Close(2.33333333333333, Num(r, "by", "a", "mean"));
        Close(1.52752523165195, Num(r, "by", "a", "sd"));
        Assert.Equal(0, Num(r, "by", "a", "missing"));
        Assert.Equal(2, Num(r, "by", "b", "n"));
        Close(4.5, Num(r, "by", "b", "mean"));
        Close(2.12132034355964, Num(r, "by", "b", "sd"));
        Assert.Equal(2, Num(r, "by", "b", "missing"));
        Assert.Equal(1, Num(r, "by", "c", "n"));
        Close(7, Num(r, "by", "c", "mean"));
        Assert.Null(At(r, "by", "c", "sd"));
    }

    [Fact]
    public void Given_levels_are_reported_in_order_and_an_unobserved_level_has_n_0_and_NA()
    {
        var r = Run(new DescribeSpec { Id = "d", Variable = "x", By = "g", Levels = ["c", "a", "zz"] }, Site1, Site2);

        Assert.Equal(["c", "a", "zz"], r["by"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(0, Num(r, "by", "zz", "n"));
        Assert.Null(At(r, "by", "zz", "mean"));
        Assert.Null(At(r, "by", "zz", "sd"));
        Assert.Equal(0, Num(r, "by", "zz", "missing"));
        Assert.Equal(3, Num(r, "by", "a", "n"));
    }

    [Fact]
    public void Without_by_there_is_no_by_key()
    {
        var r = Run(new DescribeSpec { Id = "d", Variable = "x" }, Site1, Site2);
        Assert.False(r.ContainsKey("by"));
        Assert.Equal(8, Num(r, "overall", "n"));
    }

    [Fact]
    public void A_text_variable_is_an_error_naming_it()
    {
        var site = Table(1, ("x", ["low", "high", "low"]));
        var ex = Assert.Throws<AnalysisException>(() => SiteStep(new DescribeSpec { Id = "d", Variable = "x" }, site, DisclosureRules.None));
        Assert.Contains("'x'", ex.Message);
        Assert.Contains("not numeric", ex.Message);
    }

    [Fact]
    public void An_unknown_column_is_an_error_naming_it()
    {
        var ex = Assert.Throws<AnalysisException>(() => SiteStep(new DescribeSpec { Id = "d", Variable = "x", By = "arm" }, Site1, DisclosureRules.None));
        Assert.Contains("'arm'", ex.Message);
    }

    [Fact]
    public void A_group_smaller_than_the_minimum_subset_is_refused_and_named()
    {
        // Site 2: group c has one value of x (so has group a, which is not asked for).
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(new DescribeSpec { Id = "d", Variable = "x", By = "g", Levels = ["c"] }, Site2, DisclosureRules.Default));
        Assert.Equal(2, ex.Site);
        Assert.Equal("min_subset_size", ex.Rule);
        Assert.Contains("g = 'c'", ex.Reason);
        Assert.Contains("1 non-missing", ex.Reason);
        Assert.Contains("3", ex.Reason);
    }

    [Fact]
    public void A_small_overall_subset_is_refused()
    {
        var site = Table(3, ("x", [1, 2, null]));
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(new DescribeSpec { Id = "d", Variable = "x" }, site, DisclosureRules.Default));
        Assert.Contains("all rows", ex.Reason);
    }

    [Fact]
    public void Groups_with_no_values_and_levels_not_asked_for_are_not_refused()
    {
        // Group b at site 1 has one value but is not among the levels; group d has only a missing value.
        var site = Table(1, ("x", [1, 2, 3, 4, 9, null]), ("g", ["a", "a", "a", "a", "b", "d"]));
        var spec = new DescribeSpec { Id = "d", Variable = "x", By = "g", Levels = ["a", "d"] };
        var element = SiteStep(spec, site, DisclosureRules.Default);
        var aggregate = element.Deserialize<DescribeAggregate>(StatsJson.Options)!;
        Assert.Equal(["a", "d"], aggregate.By!.Keys.Order());
        Assert.Equal(0, aggregate.By["d"].N);
        Assert.Equal(1, aggregate.By["d"].Missing);
        Assert.Throws<DisclosureRefusedException>(() => SiteStep(spec with { Levels = null }, site, DisclosureRules.Default));
    }

    [Fact]
    public void No_rule_refuses_nothing()
    {
        var site = Table(3, ("x", [1.0]), ("g", ["a"]));
        SiteStep(new DescribeSpec { Id = "d", Variable = "x", By = "g" }, site, DisclosureRules.None);
    }

    [Fact]
    public void Aggregate_round_trips_through_JSON_with_NA_mean()
    {
        var a = new DescribeAggregate(new DescribeGroup(3, 2.5, 4.25, 1),
            new Dictionary<string, DescribeGroup> { ["Lev+5FU"] = new(2, -1e-300, 0.5, 0), ["empty"] = DescribeGroup.From(Moments.Empty, 2) });
        var back = RoundTrip(a);
        Assert.Equal(a.Overall, back.Overall);
        Assert.Equal(a.By!["Lev+5FU"], back.By!["Lev+5FU"]);
        Assert.True(double.IsNaN(back.By["empty"].Mean));
        Assert.Equal(2, back.By["empty"].Missing);
        Assert.Null(RoundTrip(a with { By = null }).By);
        Assert.Equal("""{"overall":{"n":3,"mean":2.5,"m2":4.25,"missing":1},"by":null}""",
            JsonSerializer.Serialize(a with { By = null }, StatsJson.Options));
    }
}
