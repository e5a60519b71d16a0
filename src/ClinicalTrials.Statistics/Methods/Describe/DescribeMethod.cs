using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Methods.Common;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>
/// <c>describe</c> as the reference kit's <c>run_describe</c>: overall moments of the non-missing
/// values and the missing count over all rows; by group, rows whose group is not missing.
/// </summary>
public sealed class DescribeMethod : FederatedMethod<DescribeSpec, DescribeAggregate>
{
    /// <inheritdoc />
    public override string Type => "describe";

    /// <inheritdoc />
    protected override DescribeAggregate SiteStep(SiteTable data, DescribeSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var v = data[spec.Variable];
        if (!v.IsNumeric)
            throw new AnalysisException($"site {data.Site}: describe: '{spec.Variable}' holds text, not numbers");
        var all = new List<double>(data.RowCount);
        var missing = 0L;
        var groups = new Dictionary<string, (List<double> Values, long Missing)>(StringComparer.Ordinal);
        var g = spec.By is null ? null : data[spec.By];
        for (var i = 0; i < data.RowCount; i++)
        {
            var isMissing = v.IsMissing(i);
            if (isMissing) missing++;
            else all.Add(v.Number(i));
            if (g?.Key(i) is not { } level) continue;
            if (spec.Levels is not null && !spec.Levels.Contains(level)) continue;
            if (!groups.TryGetValue(level, out var acc)) acc = ([], 0);
            if (isMissing) acc.Missing++;
            else acc.Values.Add(v.Number(i));
            groups[level] = acc;
        }
        SubsetRule.Check(data.Site, all.Count, rules, $"the mean of '{spec.Variable}'");
        foreach (var (level, acc) in groups)
            SubsetRule.Check(data.Site, acc.Values.Count, rules, $"the mean of '{spec.Variable}' in {spec.By} = '{level}'");
        return new DescribeAggregate
        {
            Overall = Moments.Of(all),
            Missing = missing,
            Groups = groups.ToDictionary(kv => kv.Key, kv => new DescribeGroup(Moments.Of(kv.Value.Values), kv.Value.Missing)),
        };
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(DescribeSpec spec, RoundRequest request, IReadOnlyList<(int Site, DescribeAggregate Aggregate)> aggregates)
    {
        var overall = DescribeStats.From(Moments.Merge(aggregates.Select(a => a.Aggregate.Overall)), aggregates.Sum(a => a.Aggregate.Missing));
        if (spec.By is null) return Done(new DescribeResult(overall, null));
        var levels = spec.Levels ?? Levels.Merge(aggregates.Select(a => a.Aggregate.Groups.Keys));
        var by = levels.ToDictionary(l => l, l =>
        {
            var parts = aggregates.Select(a => a.Aggregate.Groups.GetValueOrDefault(l)).OfType<DescribeGroup>().ToList();
            return DescribeStats.From(Moments.Merge(parts.Select(p => p.Moments)), parts.Sum(p => p.Missing));
        });
        return Done(new DescribeResult(overall, by));
    }
}
