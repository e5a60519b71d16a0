using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Methods.Describe;

/// <summary>
/// n, mean, SD and missing count, overall and by group, as the reference kit's <c>run_describe</c>:
/// no complete-case filter (overall counts every row; a group counts the rows whose group value is
/// present and equal to the level). Sites release moments per group; the coordinator merges them.
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
            throw new AnalysisException($"site {data.Site}: describe variable '{spec.Variable}' is not numeric");

        var overall = Summarize(v, Enumerable.Range(0, data.RowCount));
        CheckSubset(data.Site, rules, overall, $"'{spec.Variable}' over all rows");
        if (spec.By is null) return new DescribeAggregate(overall, null);

        var g = data[spec.By];
        var wanted = spec.Levels is null ? null : new HashSet<string>(spec.Levels, StringComparer.Ordinal);
        var rowsByLevel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < data.RowCount; i++)
        {
            if (g.Key(i) is not { } level || (wanted is not null && !wanted.Contains(level))) continue;
            if (!rowsByLevel.TryGetValue(level, out var rows)) rowsByLevel[level] = rows = [];
            rows.Add(i);
        }
        var by = new Dictionary<string, DescribeGroup>(StringComparer.Ordinal);
        foreach (var (level, rows) in rowsByLevel)
        {
            var group = Summarize(v, rows);
            CheckSubset(data.Site, rules, group, $"'{spec.Variable}' in group {spec.By} = '{level}'");
            by[level] = group;
        }
        return new DescribeAggregate(overall, by);
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(DescribeSpec spec, RoundRequest request, IReadOnlyList<(int Site, DescribeAggregate Aggregate)> aggregates)
    {
        var overall = aggregates.Select(a => a.Aggregate.Overall).Aggregate(DescribeGroup.From(Moments.Empty, 0), (x, y) => x.Merge(y));
        if (spec.By is null) return Done(new DescribeResult(DescribeStats.From(overall), null));

        var levels = spec.Levels ?? Levels.Merge(aggregates.Select(a => a.Aggregate.By?.Keys ?? Enumerable.Empty<string>()));
        var by = new Dictionary<string, DescribeStats>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            var merged = DescribeGroup.From(Moments.Empty, 0);
            foreach (var (_, a) in aggregates)
                if (a.By is not null && a.By.TryGetValue(level, out var g)) merged = merged.Merge(g);
            by[level] = DescribeStats.From(merged);
        }
        return Done(new DescribeResult(DescribeStats.From(overall), by));
    }

    private static DescribeGroup Summarize(Column v, IEnumerable<int> rows)
    {
        var values = new List<double>();
        var missing = 0;
        foreach (var r in rows)
        {
            if (v.IsMissing(r)) missing++;
            else values.Add(v.Number(r));
        }
        return DescribeGroup.From(Moments.Of(values), missing);
    }

    // A mean or SD of one or two values is the values themselves; groups of 0 release nothing to protect.
    private static void CheckSubset(int site, DisclosureRules rules, DescribeGroup g, string what)
    {
        if (g.N > 0 && g.N < rules.MinSubsetSize)
            throw new DisclosureRefusedException(site, DisclosureRule.MinSubsetSize,
                $"{what} has {g.N} non-missing value(s); the site releases statistics only on at least {rules.MinSubsetSize}");
    }
}
