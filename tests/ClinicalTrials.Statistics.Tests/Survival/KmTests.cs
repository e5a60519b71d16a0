using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Methods.Km;
using ClinicalTrials.Statistics.Methods.Survival;
using static ClinicalTrials.Statistics.Tests.Survival.SurvivalData;

namespace ClinicalTrials.Statistics.Tests.Survival;

/// <summary>
/// Kaplan–Meier against R's survfit on the tied data of <see cref="LogrankTests"/>. Expected values
/// are R 4.2.2 / survival 3.5-3 output (pasted, not computed by this code) of
/// <code>
/// fit &lt;- survfit(Surv(time, status) ~ 1, data = d[...]); summary(fit)$table
/// s &lt;- summary(fit, times = c(0, 2, 2.5, 5, 9, 10), extend = TRUE)   # time, surv, std.err, lower, upper, n.risk
/// </code>
/// </summary>
public sealed class KmTests
{
    private static readonly double[] Times = [0, 2, 2.5, 5, 9, 10];

    private static KmSpec Spec(string? group = null, IReadOnlyList<double>? times = null) => new()
    {
        Id = "km",
        Time = "time",
        Event = "status",
        Group = group,
        Times = times ?? Times,
    };

    // (time, surv, std.err, lower, upper, n.risk) rows as R printed them; null = NA/NaN.
    private static void AssertAt(JsonNode group, params (double T, double S, double? Se, double? Lo, double? Hi, int N)[] rows)
    {
        var at = group["at"]!.AsArray();
        Assert.Equal(rows.Length, at.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var (t, s, se, lo, hi, n) = rows[i];
            var p = at[i]!;
            Close(t, p["time"], $"time[{i}]");
            Close(s, p["survival"], $"survival at {t}");
            Close(se, p["std_err"], $"std_err at {t}");
            Close(lo, p["conf_low"], $"conf_low at {t}");
            Close(hi, p["conf_high"], $"conf_high at {t}");
            Assert.Equal(n, p["n_risk"]!.GetValue<int>());
        }
    }

    private static void AssertSummary(JsonNode group, int n, int events, double? median, double? low, double? high)
    {
        Assert.Equal(n, group["n"]!.GetValue<int>());
        Assert.Equal(events, group["n_events"]!.GetValue<int>());
        Close(median, group["median"], "median");
        Close(low, group["median_conf_low"], "median_conf_low");
        Close(high, group["median_conf_high"], "median_conf_high");
    }

    [Fact]
    public void Overall_curve_with_ties_matches_survfit_including_times_beyond_follow_up()
    {
        var r = Run(Spec(), Ties());
        Assert.Equal(["overall"], r.Select(p => p.Key));
        var g = r["overall"]!;
        AssertSummary(g, 15, 10, 5, 3, null);
        AssertAt(g,
            (0, 1, 0, 1, 1, 15),
            (2, 0.73333333333333328, 0.11417984514369002, 0.540467427796135991, 0.99502347434825844, 14),
            (2.5, 0.73333333333333328, 0.11417984514369002, 0.540467427796135991, 0.99502347434825844, 10),
            (5, 0.39111111111111108, 0.14240728700086416, 0.191588550261441087, 0.79841880439007662, 6),
            (9, 0.14666666666666667, 0.12409673645990855, 0.027933013013830783, 0.77009634085875645, 1),
            (10, 0.14666666666666667, 0.12409673645990855, 0.027933013013830783, 0.77009634085875645, 0));
    }

    [Fact]
    public void Curves_by_group_match_survfit_including_a_curve_that_reaches_zero_and_an_all_censored_group()
    {
        var r = Run(Spec("grp", [0, 2, 2.5, 5, 9, 10]), Ties(groupC: true));
        Assert.Equal(["a", "b", "c"], r.Select(p => p.Key));
        AssertSummary(r["a"]!, 8, 5, 4, 2, null);
        AssertAt(r["a"]!,
            (0, 1, 0, 1, 1, 8),
            (2, 0.625, 0.17116329922036438, 0.36540027868240926, 1, 7),
            (2.5, 0.625, 0.17116329922036438, 0.36540027868240926, 1, 5),
            (5, 0.33333333333333331, 0.18002057495577387, 0.11565845102404050, 0.96068302944862882, 3),
            (9, 0.33333333333333331, 0.18002057495577387, 0.11565845102404050, 0.96068302944862882, 1),
            (10, 0.33333333333333331, 0.18002057495577387, 0.11565845102404050, 0.96068302944862882, 0));
        // b's last row is an event with one at risk: S = 0, R's std.err is NaN and the band NA.
        AssertSummary(r["b"]!, 7, 5, 5, 3, null);
        AssertAt(r["b"]!,
            (0, 1, 0, 1, 1, 7),
            (2, 0.85714285714285710, 0.13226001425322162, 0.63344652901214960, 1, 7),
            (2.5, 0.85714285714285710, 0.13226001425322162, 0.63344652901214960, 1, 5),
            (5, 0.45714285714285713, 0.22417541375486996, 0.17483829438441598, 1, 3),
            (9, 0, null, null, null, 0),
            (10, 0, null, null, null, 0));
    }

    [Fact]
    public void All_censored_group_has_survival_one_and_no_median()
    {
        // R: survfit on group c (times 3, 8, 4, all censored); summary(fit, times = c(1, 4, 8, 20), extend = TRUE)
        var r = Run(Spec("grp", [1, 4, 8, 20]), Ties(groupC: true));
        AssertSummary(r["c"]!, 3, 0, null, null, null);
        AssertAt(r["c"]!, (1, 1, 0, 1, 1, 3), (4, 1, 0, 1, 1, 2), (8, 1, 0, 1, 1, 1), (20, 1, 0, 1, 1, 0));
    }

    [Fact]
    public void Median_on_a_flat_stretch_at_exactly_one_half_is_the_midpoint_as_R()
    {
        // R: d3 &lt;- data.frame(time = 1:6, status = c(1,1,1,0,1,0)); summary(survfit(Surv(time, status) ~ 1, d3))$table
        //   median 4 (S = 0.5 from 3 until the event at 5), 0.95LCL 2, 0.95UCL NA
        //   summary(fit, times = c(3, 4, 6, 7), extend = TRUE): surv .5 .5 .25 .25, std.err 0.2041241 (x4), n.risk 4 3 1 0
        var sites = new[] { Site(1, [1, 2, 3], [1, 1, 1]), Site(2, [4, 5, 6], [0, 1, 0]) };
        var r = Run(Spec(times: [7, 3, 6, 4]), sites)["overall"]!;
        AssertSummary(r, 6, 4, 4, 2, null);
        var at = r["at"]!.AsArray();
        Assert.Equal([3.0, 4, 6, 7], at.Select(p => p!["time"]!.GetValue<double>()));
        Assert.Equal([4, 3, 1, 0], at.Select(p => p!["n_risk"]!.GetValue<int>()));
        Assert.Equal([0.5, 0.5, 0.25, 0.25], at.Select(p => p!["survival"]!.GetValue<double>()));
        Assert.All(at, p => Assert.Equal(0.2041241, p!["std_err"]!.GetValue<double>(), 6));
    }

    [Fact]
    public void Median_not_reached_is_null()
    {
        // R: summary(survfit(Surv(1:6, c(1,0,0,0,0,0)) ~ 1))$table: events 1, median, 0.95LCL, 0.95UCL all NA.
        var sites = new[] { Site(1, [1, 2, 3, 4, 5, 6], [1, 0, 0, 0, 0, 0]) };
        var r = Run(Spec(times: [1]), sites)["overall"]!;
        AssertSummary(r, 6, 1, null, null, null);
    }

    [Fact]
    public void Binned_times_give_the_curve_of_coarsened_times_and_say_so()
    {
        // R on db$time &lt;- ceiling(d$time / 2) * 2: median 6, 0.95LCL 4, 0.95UCL NA
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Binned, TimeBinWidth = 2 };
        var r = Run(Spec(), Ties(), rules);
        AssertSummary(r["overall"]!, 15, 10, 6, 4, null);
        AssertAt(r["overall"]!,
            (0, 1, 0, 1, 1, 15),
            (2, 0.73333333333333328, 0.11417984514369002, 0.540467427796135991, 0.99502347434825844, 15),
            (2.5, 0.73333333333333328, 0.11417984514369002, 0.540467427796135991, 0.99502347434825844, 10),
            (5, 0.58666666666666667, 0.13018505347446052, 0.379755780330326087, 0.90631346671905511, 6),
            (9, 0.19555555555555554, 0.12095640815970486, 0.058180700683008957, 0.65729657531969388, 1),
            (10, 0.19555555555555554, 0.12095640815970486, 0.058180700683008957, 0.65729657531969388, 1));
        var resolution = r["_resolution"]!;
        Assert.Equal(2, resolution["time_bin_width"]!.GetValue<double>());
        Assert.Contains("exact to that bin width", resolution["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Binned_site_releases_only_bin_ends()
    {
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Binned, TimeBinWidth = 2 };
        var method = new KmMethod();
        var element = method.SiteStep(Ties()[0], method.Start(Spec(), [1]), rules);
        var aggregate = element.Deserialize<EventTimesAggregate>(StatsJson.Options)!;
        Assert.Equal(2, aggregate.TimeBinWidth);
        Assert.All(aggregate.Groups.SelectMany(g => g.Time), t => Assert.Equal(0, t % 2));
    }

    [Fact]
    public void Refused_when_the_site_releases_no_event_times()
    {
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Never };
        var e = Throws<DisclosureRefusedException>(() => Run(Spec(), Ties(), rules));
        Assert.Equal("event_times", e.Rule);
        Assert.Equal(1, e.Site);
    }

    [Fact]
    public void A_group_smaller_than_the_minimum_subset_is_refused()
    {
        var rules = DisclosureRules.None with { MinSubsetSize = 3 };
        var e = Throws<DisclosureRefusedException>(() => Run(Spec("grp"), Ties(groupC: true), rules));
        Assert.Equal("min_subset_size", e.Rule);
        Assert.Contains("grp = 'c'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_times_requested_gives_an_empty_list()
    {
        var r = Run(Spec(times: []), Ties());
        Assert.Empty(r["overall"]!["at"]!.AsArray());
    }

    [Fact]
    public void Site_aggregate_round_trips_through_json_and_holds_only_counts_per_time()
    {
        var method = new KmMethod();
        var element = method.SiteStep(Ties()[0], method.Start(Spec("grp"), [1]), DisclosureRules.None);
        var typed = element.Deserialize<EventTimesAggregate>(StatsJson.Options)!;
        Assert.Equal(element.GetRawText(), JsonSerializer.Serialize(typed, StatsJson.Options));
        var a = typed.Groups.Single(g => g.Level == "a");
        Assert.Equal([1.0, 2, 4, 5], a.Time);
        Assert.Equal([1, 1, 0, 1], a.Events);
        Assert.Equal([0, 0, 1, 0], a.Censored);
    }

    [Fact]
    public void Splitting_rows_across_sites_does_not_change_the_result()
    {
        var pooled = Ties().SelectMany(Rows).ToList();
        var expected = Run(Spec("grp"), [Site(1, [.. pooled.Select(r => r.T)], [.. pooled.Select(r => r.S)], [.. pooled.Select(r => r.G)])]);
        var random = new Random(20261125);
        for (var split = 0; split < 5; split++)
        {
            var k = random.Next(2, 5);
            var assignment = pooled.Select(_ => random.Next(k)).ToArray();
            var sites = Enumerable.Range(0, k)
                .Select(s => pooled.Where((_, i) => assignment[i] == s).ToList())
                .Where(rows => rows.Count > 0)
                .Select((rows, i) => Site(i + 1, [.. rows.Select(r => r.T)], [.. rows.Select(r => r.S)], [.. rows.Select(r => r.G)]))
                .ToList();
            Assert.True(JsonNode.DeepEquals(expected, Run(Spec("grp"), sites)), $"split {split} into {sites.Count} sites");
        }
    }

    private static IEnumerable<(double T, int S, string G)> Rows(Statistics.Data.SiteTable t) =>
        Enumerable.Range(0, t.RowCount).Select(i => (t["time"].Number(i), (int)t["status"].Number(i), t["grp"].Key(i)!));
}
