using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Tests.Support;
using FsCheck.Xunit;

namespace ClinicalTrials.Statistics.Tests.Properties;

/// <summary>
/// Exactness by construction: a federated result may not depend on which site holds which rows
/// beyond what the analysis itself defines (strata, site factors, per-site estimates).
/// </summary>
public sealed class InvarianceProperties
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Cases = new(() => ReferenceCase.Names.Select(ReferenceCase.Load).ToList());

    /// <summary>Analyses whose result does not name sites: relabelling or reordering sites changes nothing.</summary>
    private static bool LabelFree(AnalysisSpec s) => s switch
    {
        LmSpec lm => lm.StrataAsFactor is null,
        MetaSpec => false,
        _ => true,
    };

    /// <summary>Analyses that pool rows across sites: splitting a site in two changes nothing.</summary>
    private static bool Poolable(AnalysisSpec s) => s switch
    {
        LmSpec lm => lm.StrataAsFactor is null,
        CoxSpec cox => cox.Strata is null,
        LogrankSpec lr => lr.Strata is null,
        CmhSpec or MetaSpec => false,
        _ => true,
    };

    private static IEnumerable<(ReferenceCase Case, AnalysisSpec Spec)> Runnable(Func<AnalysisSpec, bool> applies) =>
        Cases.Value.SelectMany(c => c.Analyses.Where(a => FederatedMethods.All.Types.Contains(a.Type) && applies(a)).Select(a => (c, a)));

    [Property(MaxTest = 8)]
    public void Results_do_not_depend_on_site_order_or_labels(int seed)
    {
        var rng = new Random(seed);
        foreach (var (c, spec) in Runnable(LabelFree))
        {
            var labels = Enumerable.Range(1, c.Sites.Count).Select(i => i * 7 + 100).OrderBy(_ => rng.Next()).ToArray();
            var shuffled = c.Sites.Select((s, i) => SiteTables.Relabel(s, labels[i])).OrderBy(_ => rng.Next()).ToList();
            var a = new FederatedEngine().Run(spec, c.Sites).Result;
            var b = new FederatedEngine().Run(spec, shuffled).Result;
            var bad = ResultDiff.Compare(a, b, 1e-12, 1e-12, $"{c.Name}.{spec.Id}");
            Assert.True(bad.Count == 0, string.Join("\n", bad));
        }
    }

    [Property(MaxTest = 8)]
    public void Splitting_a_site_in_two_changes_nothing(int seed)
    {
        var rng = new Random(seed);
        foreach (var (c, spec) in Runnable(Poolable))
        {
            var k = rng.Next(c.Sites.Count);
            var victim = c.Sites[k];
            var rows = Enumerable.Range(0, victim.RowCount).ToArray();
            var toNew = rows.Where(_ => rng.NextDouble() < 0.5).ToHashSet();
            var split = c.Sites.Where((_, i) => i != k).ToList();
            split.Add(SiteTables.Subset(victim, victim.Site, rows.Where(r => !toNew.Contains(r)).ToArray()));
            split.Add(SiteTables.Subset(victim, c.Sites.Max(s => s.Site) + 1, toNew.Order().ToArray()));
            var a = new FederatedEngine().Run(spec, c.Sites).Result;
            var b = new FederatedEngine().Run(spec, split).Result;
            var bad = ResultDiff.Compare(a, b, 1e-9, 1e-12, $"{c.Name}.{spec.Id}");
            Assert.True(bad.Count == 0, string.Join("\n", bad));
        }
    }
}
