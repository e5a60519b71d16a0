using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Methods.Meta;
using ClinicalTrials.Statistics.Tests.Support;

namespace ClinicalTrials.Statistics.Tests.Survival;

/// <summary>
/// The pooling half of every meta reference case on its own: R's per-site estimates in, R's pooled
/// result out. This checks FE and DL pooling on the Cox and logistic cases too, whose per-site
/// fits need those methods (the full federated runs are in <see cref="ReferenceTests"/>).
/// </summary>
public sealed class MetaPoolingReferenceTests
{
    public static TheoryData<string, string> Cases => ReferenceCase.Of("meta");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pooling_R_per_site_estimates_gives_R_pooled_result(string caseName, string analysisId)
    {
        var c = ReferenceCase.Load(caseName);
        var spec = (MetaSpec)c.Analyses.Single(a => a.Id == analysisId);
        var expected = c.Expected[analysisId]!.AsObject();
        var rows = expected["per_site"]!.Deserialize<List<MetaSiteRow>>(StatsJson.Options)!;
        var pooled = InverseVariancePooling.Pool(rows, randomEffects: spec.Method == "DL");
        var actual = JsonSerializer.SerializeToNode(pooled, StatsJson.Options);
        var bad = ReferenceComparer.Compare(expected, actual, $"{caseName}.{analysisId}");
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }
}
