using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Methods.Describe;
using ClinicalTrials.Statistics.Methods.TTest;
using static ClinicalTrials.Statistics.Tests.Basic.BasicData;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class TTestTests
{
    // Pooled complete cases: A = 1, 2, 5, 7; B = 3, 4, 6, 8; C = 9.
    private static readonly Data.SiteTable Site1 = Table(1, ("y", [1, 2, 3, 4, null]), ("h", ["A", "A", "B", "B", "B"]));
    private static readonly Data.SiteTable Site2 = Table(2, ("y", [5, 6, 7, 8, 9]), ("h", ["A", "B", "A", "B", "C"]));

    private static TTestSpec Spec(bool welch, params string[] levels) => new() { Id = "t", Variable = "y", Group = "h", Levels = levels, Welch = welch };

    [Fact]
    public void Welch_matches_R()
    {
        var r = Run(Spec(true, "A", "B"), Site1, Site2);

        // R 4.2.2: t.test(c(1, 2, 5, 7), c(3, 4, 6, 8))
        //   -1.500000000000000 -0.848528137423857 5.738819928583575 0.430108325091413 -5.873740805130613 2.873740805130612
        Close(-1.5, Num(r, "estimate"));
        Close(-0.848528137423857, Num(r, "statistic"));
        Close(5.738819928583575, Num(r, "df"));
        Close(0.430108325091413, Num(r, "p_value"));
        Close(-5.873740805130613, Num(r, "conf_low"));
        Close(2.873740805130612, Num(r, "conf_high"));
        Assert.Equal(4, Num(r, "n", 0));
        Assert.Equal(4, Num(r, "n", 1));
    }

    [Fact]
    public void Student_matches_R()
    {
        var r = Run(Spec(false, "A", "B"), Site1, Site2);

        // R 4.2.2: t.test(c(1, 2, 5, 7), c(3, 4, 6, 8), var.equal = TRUE)
        //   -1.500000000000000 -0.848528137423857 6 0.428691507235313 -5.825569907275839 2.825569907275838
        Close(-0.848528137423857, Num(r, "statistic"));
        Assert.Equal(6, Num(r, "df"));
        Close(0.428691507235313, Num(r, "p_value"));
        Close(-5.825569907275839, Num(r, "conf_low"));
        Close(2.825569907275838, Num(r, "conf_high"));
    }

    [Fact]
    public void Student_accepts_a_group_of_one_as_R_does()
    {
        var r = Run(Spec(false, "A", "C"), Site1, Site2);

        // R 4.2.2: t.test(c(1, 2, 5, 7), 9, var.equal = TRUE)
        //   -5.250000000000000 -1.705195680176415 3 0.186702766745205 -15.048196944183504 4.548196944183506
        Close(-5.25, Num(r, "estimate"));
        Close(-1.705195680176415, Num(r, "statistic"));
        Assert.Equal(3, Num(r, "df"));
        Close(0.186702766745205, Num(r, "p_value"));
        Close(-15.048196944183504, Num(r, "conf_low"));
        Close(4.548196944183506, Num(r, "conf_high"));
        Assert.Equal(1, Num(r, "n", 1));
    }

    [Fact]
    public void Welch_with_a_group_of_one_is_an_error_naming_the_group()
    {
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec(true, "A", "C"), Site1, Site2));
        Assert.Contains("h = 'C'", ex.Message);
        Assert.Contains("1 complete observation", ex.Message);
        Assert.Contains("at least 2", ex.Message);
    }

    [Fact]
    public void An_empty_or_unknown_group_is_an_error_naming_the_group()
    {
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec(false, "A", "Placebo"), Site1, Site2));
        Assert.Contains("h = 'Placebo'", ex.Message);
        Assert.Contains("no complete observations of 'y'", ex.Message);

        // Group B's only value at a one-site analysis is missing.
        var site = Table(1, ("y", [1, 2, null]), ("h", ["A", "A", "B"]));
        ex = Assert.Throws<AnalysisException>(() => Combine(Spec(true, "A", "B"), site));
        Assert.Contains("h = 'B'", ex.Message);
    }

    [Fact]
    public void Constant_data_is_an_error_as_in_R()
    {
        var site = Table(1, ("y", [4, 4, 4, 4]), ("h", ["A", "A", "B", "B"]));
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec(true, "A", "B"), site));
        Assert.Contains("essentially constant", ex.Message);
    }

    [Fact]
    public void Levels_must_be_two()
    {
        var ex = Assert.Throws<AnalysisException>(() => SiteStep(Spec(true, "A", "B", "C"), Site1, DisclosureRules.None));
        Assert.Contains("exactly two levels", ex.Message);
    }

    [Fact]
    public void A_text_variable_is_an_error_naming_it()
    {
        var site = Table(1, ("y", ["a", "b"]), ("h", ["A", "B"]));
        var ex = Assert.Throws<AnalysisException>(() => SiteStep(Spec(true, "A", "B"), site, DisclosureRules.None));
        Assert.Contains("'y'", ex.Message);
    }

    [Fact]
    public void A_small_group_is_refused_and_named()
    {
        // Site 1: A has 2 complete values, B has 2 (its third value is missing).
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec(true, "A", "B"), Site1, DisclosureRules.Default));
        Assert.Equal("min_subset_size", ex.Rule);
        Assert.Contains("h = 'A'", ex.Reason);
        Assert.Contains("2 complete", ex.Reason);
        SiteStep(Spec(true, "A", "B"), Site1, DisclosureRules.None);
        // A group absent from a site releases nothing about it: C at site 1 is not refused.
        SiteStep(Spec(true, "C", "Z"), Site1, DisclosureRules.Default);
    }

    [Fact]
    public void Aggregate_round_trips_through_JSON()
    {
        var a = new TTestAggregate(new Moments(4, 3.75, 22.75), Moments.Empty);
        var back = RoundTrip(a);
        Assert.Equal(a.A, back.A);
        Assert.Equal(0, back.B.N);
        Assert.True(double.IsNaN(back.B.Mean));
        Assert.Equal("""{"a":{"n":4,"mean":3.75,"m2":22.75},"b":{"n":0,"mean":null,"m2":0}}""",
            System.Text.Json.JsonSerializer.Serialize(a, StatsJson.Options));
    }
}
