using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Methods.Chisq;
using static ClinicalTrials.Statistics.Tests.Basic.BasicData;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class ChisqTests
{
    // Pooled table of r (rows x, y, z) by k (columns p, q): [10 4; 7 3; 9 12], split over two sites.
    private static readonly Data.SiteTable Site1 = Counts(1, "r", "k", ("x", "p", 6), ("x", "q", 4), ("y", "p", 7), ("z", "q", 5));
    private static readonly Data.SiteTable Site2 = Counts(2, "r", "k", ("x", "p", 4), ("y", "q", 3), ("z", "p", 9), ("z", "q", 7));

    private static ChisqSpec Spec(bool correct = false) => new() { Id = "c", Row = "r", Col = "k", Correct = correct };

    [Fact]
    public void Pearson_on_a_3x2_table_matches_R()
    {
        var r = Run(Spec(), Site1, Site2);

        // R 4.2.2: chisq.test(matrix(c(10, 4, 7, 3, 9, 12), 3, byrow = TRUE))  3.598178137651821 2 0.165449532734885
        Close(3.598178137651821, Num(r, "statistic"));
        Assert.Equal(2, Num(r, "df"));
        Close(0.165449532734885, Num(r, "p_value"));
        Assert.Equal(10, Num(r, "observed", "x", "p"));
        Assert.Equal(12, Num(r, "observed", "z", "q"));
        Assert.Equal(["x", "y", "z"], r["observed"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void Correct_has_no_effect_beyond_2x2()
    {
        var r = Run(Spec(correct: true), Site1, Site2);
        Close(3.598178137651821, Num(r, "statistic"));
    }

    [Fact]
    public void Yates_correction_on_a_2x2_table_matches_R()
    {
        var s1 = Counts(1, "r", "k", ("a", "p", 5), ("a", "q", 5), ("b", "q", 4));
        var s2 = Counts(2, "r", "k", ("a", "p", 7), ("b", "p", 3), ("b", "q", 5));

        // R 4.2.2: chisq.test(matrix(c(12, 5, 3, 9), 2, byrow = TRUE), correct = TRUE / FALSE)
        //   4.1714577497665744 1 0.0411104141943071   /   5.8548319327731102 1 0.0155343414146835
        var r = Run(Spec(correct: true), s1, s2);
        Close(4.1714577497665744, Num(r, "statistic"));
        Assert.Equal(1, Num(r, "df"));
        Close(0.0411104141943071, Num(r, "p_value"));
        r = Run(Spec(correct: false), s1, s2);
        Close(5.8548319327731102, Num(r, "statistic"));
        Close(0.0155343414146835, Num(r, "p_value"));
    }

    [Fact]
    public void Given_levels_restrict_and_order_the_table()
    {
        var r = Run(Spec() with { RowLevels = ["z", "x"], ColLevels = ["p", "q"] }, Site1, Site2);

        // R 4.2.2: chisq.test(matrix(c(9, 12, 10, 4), 2, byrow = TRUE), correct = FALSE)  2.7631578947368429 0.0964576649882674
        Close(2.7631578947368429, Num(r, "statistic"));
        Close(0.0964576649882674, Num(r, "p_value"));
        Assert.Equal(["z", "x"], r["observed"]!.AsObject().Select(kv => kv.Key));
        Assert.False(r["observed"]!.AsObject().ContainsKey("y"));
    }

    [Fact]
    public void An_unobserved_given_level_gives_NA_as_R()
    {
        var r = Run(Spec() with { RowLevels = ["x", "y", "w"] }, Site1, Site2);
        Assert.Null(r["statistic"]);
        Assert.Null(r["p_value"]);
        Assert.Equal(2, Num(r, "df"));
        Assert.Equal(0, Num(r, "observed", "w", "q"));
    }

    [Fact]
    public void Fewer_than_two_levels_is_an_error_naming_them()
    {
        var site = Counts(1, "r", "k", ("x", "p", 5), ("y", "p", 5));
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec(), site));
        Assert.Contains("'r' by 'k'", ex.Message);
        Assert.Contains("1 column level(s) (p)", ex.Message);
    }

    [Fact]
    public void Repeated_levels_are_an_error()
    {
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec() with { ColLevels = ["p", "p"] }, Site1));
        Assert.Contains("col_levels of 'k' lists level 'p' more than once", ex.Message);
    }

    [Fact]
    public void A_small_cell_is_refused_and_named()
    {
        var site = Counts(1, "r", "k", ("x", "p", 6), ("x", "q", 2), ("y", "p", 7));
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec(), site, DisclosureRules.Default));
        Assert.Equal("min_cell_count", ex.Rule);
        Assert.Contains("r = 'x', k = 'q' has 2", ex.Reason);
        SiteStep(Spec(), site, DisclosureRules.None);
    }

    [Fact]
    public void Cells_outside_the_given_levels_never_leave_the_site()
    {
        var site = Counts(1, "r", "k", ("x", "p", 6), ("x", "q", 4), ("y", "p", 1));
        var element = SiteStep(Spec() with { RowLevels = ["x", "z"] }, site, DisclosureRules.Default);
        var aggregate = element.Deserialize<ChisqAggregate>(StatsJson.Options)!;
        Assert.Equal(["x"], aggregate.Counts.Keys);
        Assert.Equal(4, aggregate.Counts["x"]["q"]);
    }

    [Fact]
    public void Missing_values_are_not_counted()
    {
        var site = Table(1, ("r", ["x", "x", null, "y", "y"]), ("k", ["p", null, "q", "q", "p"]));
        var aggregate = SiteStep(Spec(), site, DisclosureRules.None).Deserialize<ChisqAggregate>(StatsJson.Options)!;
        Assert.Equal(3, aggregate.Counts.Values.Sum(r => r.Values.Sum()));
    }

    [Fact]
    public void Aggregate_round_trips_through_JSON()
    {
        var a = new ChisqAggregate(new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["Lev+5FU"] = new Dictionary<string, int> { ["0"] = 181, ["1"] = 123 },
            ["Obs"] = new Dictionary<string, int> { ["1"] = 168 },
        });
        var back = RoundTrip(a);
        Assert.Equal(123, back.Counts["Lev+5FU"]["1"]);
        Assert.Equal(168, back.Counts["Obs"]["1"]);
    }
}
