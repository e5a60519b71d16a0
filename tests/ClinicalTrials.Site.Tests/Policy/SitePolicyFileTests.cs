using ClinicalTrials.Site.Policy;
using ClinicalTrials.Statistics;

namespace ClinicalTrials.Site.Tests.Policy;

public sealed class SitePolicyFileTests
{
    [Fact]
    public void An_empty_object_gives_the_defaults()
    {
        var policy = SitePolicyFile.Parse("{}", "policy.json");
        Assert.Equal(SitePolicy.Default, policy);
        Assert.Equal((3, 3, 0.33, EventTimeDisclosure.Binned, true),
            (policy.Disclosure.MinCellCount, policy.Disclosure.MinSubsetSize, policy.Disclosure.MaxParameterRatio, policy.Disclosure.EventTimes, policy.RefuseDifferencing));
    }

    [Fact]
    public void Every_field_is_read()
    {
        var policy = SitePolicyFile.Parse("""
            {"min_cell_count": 5, "min_subset_size": 10, "max_parameter_ratio": 0.2, "event_times": "never", "time_bin_width": 14, "refuse_differencing": false}
            """, "policy.json");
        Assert.Equal((5, 10, 0.2, EventTimeDisclosure.Never, 14.0, false, 10),
            (policy.Disclosure.MinCellCount, policy.Disclosure.MinSubsetSize, policy.Disclosure.MaxParameterRatio, policy.Disclosure.EventTimes,
             policy.Disclosure.TimeBinWidth, policy.RefuseDifferencing, policy.DifferencingMinimum));
    }

    [Fact]
    public void Written_policy_reads_back_equal_and_shows_every_rule()
    {
        var policy = new SitePolicy { Disclosure = DisclosureRules.Default with { MinCellCount = 7 }, RefuseDifferencing = false };
        var json = SitePolicyFile.ToJson(policy);
        Assert.Equal(policy, SitePolicyFile.Parse(json, "policy.json"));
        foreach (var field in new[] { "min_cell_count", "min_subset_size", "max_parameter_ratio", "event_times", "time_bin_width", "refuse_differencing" })
            Assert.Contains($"\"{field}\"", json);
    }

    [Theory]
    [InlineData("""{"min_cel_count": 5}""", "min_cel_count")]
    [InlineData("""{"refuse_differencing": "yes"}""", "$.refuse_differencing: must be true or false")]
    [InlineData("""{"min_cell_count": -1, "max_parameter_ratio": 0}""", "$.min_cell_count: must be ≥ 0")]
    [InlineData("""{"min_cell_count": -1, "max_parameter_ratio": 0}""", "$.max_parameter_ratio: must be > 0")]
    [InlineData("""{"event_times": "binned", "time_bin_width": 0}""", "$.time_bin_width: must be > 0")]
    [InlineData("""{"event_times": "sometimes"}""", "event_times")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    [InlineData("""{"min_cell_count": 5,""", "line 1")]
    public void Mistakes_are_named_with_the_file(string json, string expected)
    {
        var e = Assert.Throws<PolicyFileException>(() => SitePolicyFile.Parse(json, "site/policy.json"));
        Assert.StartsWith("site/policy.json: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("ClinicalTrials.", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<PolicyFileException>(() => SitePolicyFile.Load("/nonexistent/policy.json"));
        Assert.Equal("/nonexistent/policy.json: no such policy file", e.Message);
    }
}
