using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Survival;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Logrank;

/// <summary>
/// Log-rank test (R's <c>survdiff</c>) in one round. Stratified by site, each site sends its
/// stratum's O, E and V and the coordinator sums them; unstratified, each site sends a survival
/// table per level and the coordinator rebuilds the pooled risk sets.
/// </summary>
public sealed class LogrankMethod : FederatedMethod<LogrankSpec, LogrankAggregate>
{
    /// <inheritdoc />
    public override string Type => "logrank";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        if (spec is LogrankSpec s)
        {
            if (s.Strata is not null && s.Strata != "site")
                throw new AnalysisException($"logrank '{s.Id}': strata '{s.Strata}' is not supported; only \"site\" (each site its own stratum)");
            if (s.Levels is { } lv && (lv.Count < 2 || lv.Distinct(StringComparer.Ordinal).Count() != lv.Count))
                throw new AnalysisException($"logrank '{s.Id}': levels of group '{s.Group}' must be two or more distinct values");
        }
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override LogrankAggregate SiteStep(SiteTable data, LogrankSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var rows = SurvivalRows.Read(data, spec.Time, spec.Event, spec.Group, spec.Levels);
        if (spec.Strata is not null)
        {
            // Each site is a stratum: its score needs only its own risk sets, so no time leaves.
            SurvivalDisclosure.CheckGroupSizes(data.Site, rows, spec.Group, rules);
            var score = LogrankScore.Of(PooledEventTimes.Merge(rows.Tables(), rows.Levels));
            var k = rows.Levels.Count;
            return new LogrankAggregate
            {
                Stratum = new LogrankStratumScore
                {
                    Levels = rows.Levels,
                    N = rows.Counts(),
                    Observed = score.Observed,
                    Expected = score.Expected,
                    Variance = Enumerable.Range(0, k).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, k).Select(j => score.Variance[i, j]).ToArray()).ToArray(),
                },
            };
        }
        var width = SurvivalDisclosure.TimeBinWidth(data.Site, rules, $"the unstratified log-rank test '{spec.Id}'");
        SurvivalDisclosure.CheckGroupSizes(data.Site, rows, spec.Group, rules);
        return new LogrankAggregate { Tables = new EventTimesAggregate { Groups = rows.Tables(width), TimeBinWidth = width } };
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(LogrankSpec spec, RoundRequest request, IReadOnlyList<(int Site, LogrankAggregate Aggregate)> aggregates)
    {
        if (spec.Strata is not null)
        {
            var strata = aggregates.Select(a => a.Aggregate.Stratum
                ?? throw new AnalysisException($"logrank '{spec.Id}': site {a.Site} sent no stratum score")).ToList();
            var levels = spec.Levels ?? Levels.Merge(strata.Select(s => s.Levels));
            var index = IndexOf(levels);
            var total = LogrankScore.Zero(levels.Count);
            var n = new int[levels.Count];
            foreach (var s in strata)
            {
                var map = s.Levels.Select(l => index.TryGetValue(l, out var i)
                    ? i
                    : throw new AnalysisException($"logrank '{spec.Id}': a site sent level '{l}', which is not among the levels of '{spec.Group}'")).ToArray();
                total.Add(s.Observed, s.Expected, s.Variance, map);
                for (var i = 0; i < map.Length; i++) n[map[i]] += s.N[i];
            }
            return Done(Result(spec, levels, n, total, null));
        }

        var tables = aggregates.Select(a => (a.Site, Tables: a.Aggregate.Tables
            ?? throw new AnalysisException($"logrank '{spec.Id}': site {a.Site} sent no survival table"))).ToList();
        var lv = spec.Levels ?? Levels.Merge(tables.Select(t => t.Tables.Groups.Select(g => g.Level)));
        var pool = PooledEventTimes.Merge(tables.SelectMany(t => t.Tables.Groups), lv);
        var resolution = TimeResolution.Of(tables.Select(t => (t.Site, t.Tables.TimeBinWidth)));
        return Done(Result(spec, lv, Enumerable.Range(0, lv.Count).Select(pool.N).ToArray(), LogrankScore.Of(pool), resolution));
    }

    private static LogrankResult Result(LogrankSpec spec, IReadOnlyList<string> levels, int[] n, LogrankScore score, TimeResolution? resolution)
    {
        var withData = levels.Where((_, i) => n[i] > 0).ToList();
        if (withData.Count < 2)
            throw new AnalysisException(
                $"logrank '{spec.Id}': group '{spec.Group}' has data in {withData.Count} level(s) ({string.Join(", ", withData)}); the test needs two or more");
        var chisq = score.ChiSquare();
        var df = levels.Count - 1;
        return new LogrankResult
        {
            Chisq = chisq,
            Df = df,
            PValue = Probability.ChiSquareUpper(chisq, df),
            Observed = Keyed(levels, score.Observed),
            Expected = Keyed(levels, score.Expected),
            Resolution = resolution,
        };
    }

    private static Dictionary<string, double> Keyed(IReadOnlyList<string> levels, double[] values)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < levels.Count; i++) d[levels[i]] = values[i];
        return d;
    }

    private static Dictionary<string, int> IndexOf(IReadOnlyList<string> levels) =>
        levels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
}
