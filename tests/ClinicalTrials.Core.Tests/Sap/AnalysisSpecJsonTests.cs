using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Core.Tests.Sap;

public sealed class AnalysisSpecJsonTests
{
    [Fact]
    public void Reads_every_type_with_type_anywhere_in_the_object()
    {
        var specs = SapJson.ReadAnalyses("""
        [
          {"id": "d", "variable": "age", "type": "describe"},
          {"type": "ttest", "id": "t", "variable": "age", "group": "rx", "levels": ["a", "b"]},
          {"type": "cox", "id": "c", "time": "t", "event": {"name": "status", "event": 2},
           "terms": [{"name": "trt", "type": "factor", "levels": [1, 2]}]},
          {"type": "meta", "id": "m", "term": "logOR", "method": "FE",
           "per_site": {"type": "or2x2", "exposure": "rx", "outcome": "s", "exposure_levels": ["a", "b"], "outcome_event": 1}}
        ]
        """);
        Assert.IsType<DescribeSpec>(specs[0]);
        var t = Assert.IsType<TTestSpec>(specs[1]);
        Assert.False(t.Welch); // absent welch is Student's test, as the reference kit's t.test(var.equal = !isTRUE(welch))
        var cox = Assert.IsType<CoxSpec>(specs[2]);
        Assert.Equal(new OutcomeSpec("status", "2"), cox.Event);
        Assert.Equal(["1", "2"], cox.Terms[0].Levels!);
        Assert.Equal("efron", cox.Ties);
        var meta = Assert.IsType<MetaSpec>(specs[3]);
        Assert.Equal("1", Assert.IsType<Or2x2Spec>(meta.PerSite).OutcomeEvent);
    }

    [Fact]
    public void Meta_without_method_is_refused_rather_than_guessed()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => SapJson.ReadAnalyses("""
            [{"id": "m", "type": "meta", "term": "x", "per_site": {"type": "or2x2", "exposure": "a", "outcome": "b", "exposure_levels": ["1", "2"], "outcome_event": 1}}]
            """));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(2.5, "2.5")]
    [InlineData(-3.0, "-3")]
    [InlineData(1e-20, "1e-20")]
    public void Numbers_take_Rs_string_form(double value, string expected) =>
        Assert.Equal(expected, SpecValue.FormatNumber(value));
}
