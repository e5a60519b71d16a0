using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Logrank;
using ClinicalTrials.Statistics.Tests.Support;
using static ClinicalTrials.Statistics.Tests.Survival.SurvivalData;

namespace ClinicalTrials.Statistics.Tests.Survival;

/// <summary>
/// Log-rank against R's survdiff on small tied data. Expected values are R 4.2.2 / survival 3.5-3
/// output of (pasted, not computed by this code):
/// <code>
/// s1 &lt;- data.frame(time=c(1,2,2,3,4,5,5,6), status=c(1,1,0,1,0,1,1,1), grp=c("a","a","b","b","a","b","a","b"), site=1)
/// s2 &lt;- data.frame(time=c(2,2,3,3,7,8,9), status=c(1,1,1,0,0,1,0), grp=c("b","a","a","b","a","b","a"), site=2)
/// d &lt;- rbind(s1, s2); survdiff(Surv(time,status) ~ grp [+ strata(site)], data = d)
/// </code>
/// and, for three levels, the same with group "c" rows (3,0), (8,0) at site 1 and (4,0) at site 2.
/// </summary>
public sealed class LogrankTests
{
    private static LogrankSpec Spec(string? strata = null, IReadOnlyList<string>? levels = null) => new()
    {
        Id = "lr",
        Time = "time",
        Event = "status",
        Group = "grp",
        Levels = levels,
        Strata = strata,
    };

    [Fact]
    public void Unstratified_with_ties_matches_survdiff()
    {
        var r = Run(Spec(levels: ["a", "b"]), Ties());
        Close(0.00049871485019372806, r["chisq"], "chisq");
        Assert.Equal(1, r["df"]!.GetValue<int>());
        Close(5, r["observed"]!["a"], "O a");
        Close(5, r["observed"]!["b"], "O b");
        Close(5.0333333333333332, r["expected"]!["a"], "E a");
        Close(4.9666666666666668, r["expected"]!["b"], "E b");
        Assert.False(r.ContainsKey("_resolution"));
    }

    [Fact]
    public void Stratified_by_site_matches_survdiff()
    {
        var r = Run(Spec("site", ["a", "b"]), Ties());
        Close(0.31288958419907598, r["chisq"], "chisq");
        Close(4.2380952380952381, r["expected"]!["a"], "E a");
        Close(5.7619047619047619, r["expected"]!["b"], "E b");
        Close(5, r["observed"]!["a"], "O a");
    }

    [Fact]
    public void Three_levels_with_an_event_free_group_match_survdiff()
    {
        var r = Run(Spec(), Ties(groupC: true));
        Close(2.7288962989308114, r["chisq"], "chisq");
        Assert.Equal(2, r["df"]!.GetValue<int>());
        Assert.Equal(["a", "b", "c"], r["expected"]!.AsObject().Select(p => p.Key));
        Close(0, r["observed"]!["c"], "O c");
        Close(4.0394455217984628, r["expected"]!["a"], "E a");
        Close(3.9838899662429075, r["expected"]!["b"], "E b");
        Close(1.9766645119586295, r["expected"]!["c"], "E c");

        var s = Run(Spec("site"), Ties(groupC: true));
        Close(3.5962152274249388, s["chisq"], "stratified chisq");
        Close(3.519047619047619, s["expected"]!["a"], "stratified E a");
        Close(4.356349206349206, s["expected"]!["b"], "stratified E b");
        Close(2.1246031746031746, s["expected"]!["c"], "stratified E c");
    }

    [Fact]
    public void Levels_default_to_the_sorted_levels_observed_at_any_site()
    {
        // Site 2 alone has level "c": the stratified combine maps each site's levels onto the merged ones.
        var sites = Ties(groupC: true);
        var only1 = new[] { sites[0] };
        var r = Run(Spec("site"), sites);
        Assert.Equal(["a", "b", "c"], r["observed"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["a", "b", "c"], Run(Spec("site"), only1)["observed"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Stratified_test_releases_no_event_times_and_runs_when_times_are_never_released()
    {
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Never };
        var method = new LogrankMethod();
        var request = method.Start(Spec("site", ["a", "b"]), [1, 2]);
        var json = method.SiteStep(Ties()[0], request, rules).GetRawText();
        Assert.DoesNotContain("time", json, StringComparison.Ordinal);
        var r = Run(Spec("site", ["a", "b"]), Ties(), rules);
        Close(0.31288958419907598, r["chisq"], "chisq");
    }

    [Fact]
    public void Stratified_test_on_the_colon_case_equals_R_under_default_rules_and_without_event_times()
    {
        var c = ReferenceCase.Load("colon");
        var spec = c.Analyses.Single(a => a.Id == "logrank_site");
        foreach (var rules in new[] { DisclosureRules.Default, DisclosureRules.Default with { EventTimes = EventTimeDisclosure.Never } })
        {
            var r = Run(spec, c.Sites, rules);
            Assert.Empty(ReferenceComparer.Compare(c.Expected["logrank_site"], r));
            Assert.False(r.ContainsKey("_resolution"));
        }
    }

    [Fact]
    public void Unstratified_test_on_the_colon_case_under_default_rules_is_on_30_day_bins()
    {
        var c = ReferenceCase.Load("colon");
        var r = Run(c.Analyses.Single(a => a.Id == "logrank"), c.Sites, DisclosureRules.Default);
        Assert.Equal(30, r["_resolution"]!["time_bin_width"]!.GetValue<double>());
        Assert.Equal(c.Expected["logrank"]!["observed"]!.ToJsonString(), r["observed"]!.ToJsonString());
    }

    [Fact]
    public void Unstratified_test_is_refused_when_the_site_releases_no_event_times()
    {
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Never };
        var e = Throws<DisclosureRefusedException>(() => Run(Spec(levels: ["a", "b"]), Ties(), rules));
        Assert.Equal("event_times", e.Rule);
        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binned_times_give_the_pooled_test_on_coarsened_times_and_say_so()
    {
        // R on the coarsened data: db$time &lt;- ceiling(d$time / 2) * 2; survdiff(Surv(time,status) ~ grp, data = db)
        var rules = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Binned, TimeBinWidth = 2 };
        var r = Run(Spec(levels: ["a", "b"]), Ties(), rules);
        Close(0.04739613809245196, r["chisq"], "chisq");
        Close(5.2999999999999998, r["expected"]!["a"], "E a");
        Close(4.6999999999999993, r["expected"]!["b"], "E b");
        Assert.Equal(2, r["_resolution"]!["time_bin_width"]!.GetValue<double>());
        Assert.Equal([1, 2], r["_resolution"]!["binned_sites"]!.AsArray().Select(x => x!.GetValue<int>()));
    }

    [Fact]
    public void Binning_at_one_site_only_is_reported_for_that_site()
    {
        var binned = DisclosureRules.None with { EventTimes = EventTimeDisclosure.Binned, TimeBinWidth = 2 };
        var r = new FederatedEngine().Run(Spec(levels: ["a", "b"]), Ties(), s => s == 2 ? binned : DisclosureRules.None).Result;
        Assert.Equal([2], r["_resolution"]!["binned_sites"]!.AsArray().Select(x => x!.GetValue<int>()));
    }

    [Fact]
    public void A_group_smaller_than_the_minimum_subset_is_refused_naming_it()
    {
        var rules = DisclosureRules.None with { MinSubsetSize = 4 };
        var e = Throws<DisclosureRefusedException>(() => Run(Spec("site", ["a", "b", "c"]), Ties(groupC: true), rules));
        Assert.Equal("min_subset_size", e.Rule);
        Assert.Contains("grp = 'c'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_level_with_data_is_an_analysis_error()
    {
        var sites = new[] { Site(1, [1, 2, 3], [1, 0, 1], ["a", "a", "a"]) };
        var e = Throws<AnalysisException>(() => Run(Spec(), sites));
        Assert.Contains("'grp'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_coded_other_than_0_1_needs_the_event_value()
    {
        var sites = new[] { Site(1, [1, 2, 3, 4], [2, 1, 2, 1], ["a", "b", "a", "b"]) };
        var e = Throws<AnalysisException>(() => Run(Spec(), sites));
        Assert.Contains("'status'", e.Message, StringComparison.Ordinal);
        var ok = Run(Spec() with { Event = new OutcomeSpec("status", "2") }, sites);
        Close(2, ok["observed"]!["a"], "O a");
    }

    [Fact]
    public void Site_aggregates_round_trip_through_json()
    {
        var method = new LogrankMethod();
        foreach (var strata in new[] { null, "site" })
        {
            var request = method.Start(Spec(strata, ["a", "b"]), [1, 2]);
            var element = method.SiteStep(Ties()[0], request, DisclosureRules.None);
            var typed = element.Deserialize<LogrankAggregate>(StatsJson.Options)!;
            Assert.Equal(element.GetRawText(), JsonSerializer.Serialize(typed, StatsJson.Options));
            Assert.Equal(strata is null, typed.Tables is not null);
            Assert.Equal(strata is not null, typed.Stratum is not null);
        }
    }
}
