using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>
/// A site's complete cases for a survival analysis: time, event and group index per row. It stays
/// at the site; only tables or scores computed from it leave.
/// </summary>
internal sealed class SurvivalRows
{
    /// <summary>The key used when the analysis has no group.</summary>
    public const string Overall = "overall";

    private SurvivalRows(double[] time, bool[] @event, int[] group, IReadOnlyList<string> levels)
    {
        Time = time;
        Event = @event;
        Group = group;
        Levels = levels;
    }

    /// <summary>Follow-up time per row.</summary>
    public double[] Time { get; }

    /// <summary>Event indicator per row.</summary>
    public bool[] Event { get; }

    /// <summary>Index into <see cref="Levels"/> per row.</summary>
    public int[] Group { get; }

    /// <summary>The levels rows are indexed by.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>Rows in each level.</summary>
    public int[] Counts()
    {
        var n = new int[Levels.Count];
        foreach (var g in Group) n[g]++;
        return n;
    }

    /// <summary>
    /// Complete cases on time, event and group. With <paramref name="levels"/> given, rows of other
    /// levels are not used (R makes them NA); otherwise the levels are the site's sorted observed ones.
    /// </summary>
    public static SurvivalRows Read(SiteTable data, string time, OutcomeSpec @event, string? group, IReadOnlyList<string>? levels)
    {
        string[] vars = group is null ? [time, @event.Name] : [time, @event.Name, group];
        var complete = data.CompleteCases(vars);
        var timeColumn = data[time];
        if (!timeColumn.IsNumeric)
            throw new AnalysisException($"site {data.Site}: time column '{time}' must be numeric but holds text");
        var eventColumn = data[@event.Name];
        var groupColumn = group is null ? null : data[group];
        var lv = groupColumn is null ? [Overall] : levels ?? Data.Levels.Observed(groupColumn, complete);
        var index = lv.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);

        var t = new List<double>(complete.Length);
        var e = new List<bool>(complete.Length);
        var g = new List<int>(complete.Length);
        foreach (var r in complete)
        {
            var gi = 0;
            if (groupColumn is not null && !index.TryGetValue(groupColumn.Key(r)!, out gi)) continue;
            t.Add(timeColumn.Number(r));
            e.Add(BinaryValues.IsOne(eventColumn, @event, r, data.Site, "event column"));
            g.Add(gi);
        }
        return new SurvivalRows(t.ToArray(), e.ToArray(), g.ToArray(), lv);
    }

    /// <summary>The survival table of each level with rows, times optionally coarsened up to the end of their bin.</summary>
    public IReadOnlyList<GroupEventTimes> Tables(double binWidth = 0)
    {
        var tables = new List<GroupEventTimes>();
        for (var level = 0; level < Levels.Count; level++)
        {
            var counts = new SortedDictionary<double, (int Events, int Censored)>();
            for (var i = 0; i < Time.Length; i++)
            {
                if (Group[i] != level) continue;
                var t = binWidth > 0 ? Math.Ceiling(Time[i] / binWidth) * binWidth : Time[i];
                counts.TryGetValue(t, out var c);
                counts[t] = Event[i] ? (c.Events + 1, c.Censored) : (c.Events, c.Censored + 1);
            }
            if (counts.Count == 0) continue;
            tables.Add(new GroupEventTimes
            {
                Level = Levels[level],
                Time = counts.Keys.ToArray(),
                Events = counts.Values.Select(c => c.Events).ToArray(),
                Censored = counts.Values.Select(c => c.Censored).ToArray(),
            });
        }
        return tables;
    }
}
