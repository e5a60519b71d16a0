using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Tests.Support;

namespace ClinicalTrials.Statistics.Tests;

/// <summary>Every analysis of every reference case, federated over its sites, against R's pooled result.</summary>
public sealed class ReferenceTests
{
    public static TheoryData<string, string> Cases => ReferenceCase.Of(FederatedMethods.All.Types.ToArray());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Federated_result_matches_R(string caseName, string analysisId)
    {
        var c = ReferenceCase.Load(caseName);
        var spec = c.Analyses.Single(a => a.Id == analysisId);
        var run = new FederatedEngine().Run(spec, c.Sites);
        var bad = ReferenceComparer.Compare(c.Expected[analysisId], run.Result, $"{caseName}.{analysisId}");
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void Every_reference_analysis_type_has_a_method()
    {
        var types = ReferenceCase.Names.SelectMany(n => ReferenceCase.Load(n).Analyses).Select(a => a.Type).Distinct();
        Assert.Empty(types.Except(FederatedMethods.All.Types));
    }
}
