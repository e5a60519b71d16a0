using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Methods.Cmh;
using static ClinicalTrials.Statistics.Tests.Basic.BasicData;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class CmhTests
{
    private static readonly CmhSpec Spec = new()
    {
        Id = "m", Exposure = "e", Outcome = "y", ExposureLevels = ["T", "C"], OutcomeEvent = "1",
    };

    /// <summary>A site's 2×2 table as rows of e (T/C) and y (1/0), plus rows the test must ignore.</summary>
    private static SiteTable Stratum(int site, int a, int b, int c, int d, int otherExposure = 0)
    {
        var cells = new (string E, string? Y, int N)[] { ("T", "1", a), ("T", "0", b), ("C", "1", c), ("C", "0", d), ("X", "1", otherExposure), ("T", null, 1) };
        var e = cells.SelectMany(x => Enumerable.Repeat<object?>(x.E, x.N)).ToArray();
        var y = cells.SelectMany(x => Enumerable.Repeat<object?>(x.Y, x.N)).ToArray();
        return Table(site, ("e", e), ("y", y));
    }

    private static readonly SiteTable[] Sites = [Stratum(1, 10, 5, 6, 9, otherExposure: 2), Stratum(2, 8, 4, 8, 6), Stratum(3, 3, 7, 5, 6)];

    [Fact]
    public void Mantel_Haenszel_and_Breslow_Day_match_R()
    {
        var r = Run(Spec, Sites);

        // R 4.2.2: arr <- array(c(10, 6, 5, 9,  8, 8, 4, 6,  3, 5, 7, 6), c(2, 2, 3));
        //   t <- mantelhaen.test(arr, correct = FALSE)   0.676777542989514 0.410698579020624 1.463345864661654 0.593003677377669 3.611075616076785
        //   refkit.R breslow_day(arr, t$estimate)        2.235654403295733 2 0.326989505573307
        Close(0.676777542989514, Num(r, "statistic"));
        Assert.Equal(1, Num(r, "df"));
        Close(0.410698579020624, Num(r, "p_value"));
        Close(1.463345864661654, Num(r, "common_or"));
        Close(0.593003677377669, Num(r, "conf_low"));
        Close(3.611075616076785, Num(r, "conf_high"));
        Close(2.235654403295733, Num(r, "breslow_day", "statistic"));
        Assert.Equal(2, Num(r, "breslow_day", "df"));
        Close(0.326989505573307, Num(r, "breslow_day", "p_value"));
    }

    [Fact]
    public void A_site_without_rows_is_not_a_stratum()
    {
        var empty = Table(4, ("e", ["X", "X", null]), ("y", ["1", "0", "1"]));
        var r = Run(Spec, [.. Sites, empty]);
        Close(0.676777542989514, Num(r, "statistic"));
        Assert.Equal(2, Num(r, "breslow_day", "df"));
    }

    [Fact]
    public void Expected_count_solves_the_Breslow_Day_equation_as_uniroot()
    {
        // R 4.2.2: uniroot(function(x) x * (15 - 16 + x) - 1.463345864661654 * (15 - x) * (16 - x), c(1, 15), tol = 1e-14)$root
        Close(8.708520582422695, CmhMethod.ExpectedA(15, 15, 16, 1.463345864661654, 1, 15), 1e-13);
        // R 4.2.2: uniroot(function(x) x * (20 - 7 + x) - 0.05 * (3 - x) * (7 - x), c(0, 3), tol = 1e-14)$root
        Close(0.077356677571360333, CmhMethod.ExpectedA(3, 20, 7, 0.05, 0, 3), 1e-13);
        // ψ = 1: the equation is linear, E[a] = n1 t1 / (n1 + n0).
        Close(7.5, CmhMethod.ExpectedA(15, 15, 15, 1, 0, 15), 1e-15);
    }

    [Fact]
    public void Strata_whose_exposed_events_are_fixed_by_the_margins_are_skipped()
    {
        // Only treated rows: lo = hi = t1.
        var oneArm = new CmhAggregate(4, 6, 0, 0);
        var strata = new[] { new CmhAggregate(10, 5, 6, 9), new CmhAggregate(8, 4, 8, 6), oneArm };
        var bd = CmhMethod.BreslowDay(strata, 1.463345864661654);
        Assert.Equal(1, bd.Df);
        // One stratum used: χ²_0 is a point mass at 0, so R's pchisq(x, 0, lower.tail = FALSE) is 0 for x > 0.
        var single = CmhMethod.BreslowDay([new CmhAggregate(10, 5, 6, 9), oneArm], 2);
        Assert.Equal(0, single.Df);
        Assert.Equal(0, single.PValue);
    }

    [Fact]
    public void A_stratum_of_one_row_is_an_error_naming_the_site()
    {
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec, [.. Sites, Stratum(4, 1, 0, 0, 0)]));
        Assert.Contains("site 4", ex.Message);
        Assert.Contains("at least 2", ex.Message);
    }

    [Fact]
    public void A_single_stratum_is_an_error()
    {
        var ex = Assert.Throws<AnalysisException>(() => Combine(Spec, Sites[0]));
        Assert.Contains("at least 2 strata", ex.Message);
    }

    [Fact]
    public void Exposure_levels_must_be_two_different_levels()
    {
        var ex = Assert.Throws<AnalysisException>(() => SiteStep(Spec with { ExposureLevels = ["T", "T"] }, Sites[0], DisclosureRules.None));
        Assert.Contains("exposure_levels of 'e'", ex.Message);
        Assert.Throws<AnalysisException>(() => SiteStep(Spec with { Strata = "centre" }, Sites[0], DisclosureRules.None));
    }

    [Fact]
    public void A_small_cell_is_refused_and_named()
    {
        var site = Stratum(5, 10, 5, 2, 9);
        var ex = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec, site, DisclosureRules.Default));
        Assert.Equal(5, ex.Site);
        Assert.Equal("min_cell_count", ex.Rule);
        Assert.Contains("e = 'C', y = '1' has 2", ex.Reason);
        var nonEvents = Assert.Throws<DisclosureRefusedException>(() => SiteStep(Spec, Stratum(5, 10, 1, 3, 9), DisclosureRules.Default));
        Assert.Contains("e = 'T', y ≠ '1' has 1", nonEvents.Reason);
        // Zero cells release nothing to protect; the ignored exposure X (2 rows) never counts.
        SiteStep(Spec, Stratum(6, 10, 0, 3, 9, otherExposure: 2), DisclosureRules.Default);
        SiteStep(Spec, site, DisclosureRules.None);
    }

    [Fact]
    public void Site_releases_its_table()
    {
        var a = SiteStep(Spec, Sites[0], DisclosureRules.None).Deserialize<CmhAggregate>(StatsJson.Options)!;
        Assert.Equal(new CmhAggregate(10, 5, 6, 9), a);
    }

    [Fact]
    public void Aggregate_round_trips_through_JSON()
    {
        var a = new CmhAggregate(10, 0, 6, 9);
        Assert.Equal(a, RoundTrip(a));
        Assert.Equal("""{"treated_events":10,"treated_non_events":0,"control_events":6,"control_non_events":9}""",
            JsonSerializer.Serialize(a, StatsJson.Options));
    }
}
