using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Survival;

namespace ClinicalTrials.Statistics.Methods.Km;

/// <summary>
/// Kaplan–Meier survival (R's <c>survfit</c>) overall or by group, in one round: each site sends
/// a survival table per group (times binned when its rules say so) and the coordinator rebuilds
/// each group's pooled curve.
/// </summary>
public sealed class KmMethod : FederatedMethod<KmSpec, EventTimesAggregate>
{
    /// <inheritdoc />
    public override string Type => "km";

    /// <inheritdoc />
    protected override EventTimesAggregate SiteStep(SiteTable data, KmSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var rows = SurvivalRows.Read(data, spec.Time, spec.Event, spec.Group, null);
        var width = SurvivalDisclosure.TimeBinWidth(data.Site, rules, $"the Kaplan–Meier analysis '{spec.Id}'");
        SurvivalDisclosure.CheckGroupSizes(data.Site, rows, spec.Group, rules);
        return new EventTimesAggregate { Groups = rows.Tables(width), TimeBinWidth = width };
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(KmSpec spec, RoundRequest request, IReadOnlyList<(int Site, EventTimesAggregate Aggregate)> aggregates)
    {
        var tables = aggregates.SelectMany(a => a.Aggregate.Groups).ToList();
        var levels = Levels.Merge([tables.Select(t => t.Level)]);
        if (levels.Count == 0)
            throw new AnalysisException($"km '{spec.Id}': no site has complete cases on {string.Join(", ", spec.Variables())}");
        var times = spec.Times.Where(double.IsFinite).Order().ToArray();

        var result = new JsonObject();
        foreach (var level in levels)
        {
            // survfit on each group's own rows, so R's time fix works within the group.
            var pool = PooledEventTimes.Merge(tables.Where(t => t.Level == level), [level]);
            var curve = KaplanMeierCurve.Of(pool);
            var group = new KmGroupResult
            {
                N = pool.N(0),
                NEvents = pool.EventCount(0),
                Median = curve.Median,
                MedianConfLow = curve.MedianLower,
                MedianConfHigh = curve.MedianUpper,
                At = times.Select(curve.At).ToArray(),
            };
            result[level] = JsonSerializer.SerializeToNode(group, StatsJson.Options);
        }
        if (TimeResolution.Of(aggregates.Select(a => (a.Site, a.Aggregate.TimeBinWidth))) is { } resolution)
            result["_resolution"] = JsonSerializer.SerializeToNode(resolution, StatsJson.Options);
        return new CombineOutcome.Completed(result);
    }
}
