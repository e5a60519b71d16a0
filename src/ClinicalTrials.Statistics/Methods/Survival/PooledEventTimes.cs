namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>
/// Sites' survival tables merged by time: for each distinct time of the pool and each level, the
/// events and censorings then, and the number at risk (everyone in the level minus those who left
/// at earlier times). What R computes from the pooled rows, computed from the tables alone.
/// </summary>
internal sealed class PooledEventTimes
{
    private PooledEventTimes(IReadOnlyList<string> levels, double[] times, int[][] events, int[][] censored)
    {
        Levels = levels;
        Times = times;
        Events = events;
        Censored = censored;
        AtRisk = new int[levels.Count][];
        for (var l = 0; l < levels.Count; l++)
        {
            AtRisk[l] = new int[times.Length];
            var left = events[l].Sum() + censored[l].Sum();
            for (var j = 0; j < times.Length; j++)
            {
                AtRisk[l][j] = left;
                left -= events[l][j] + censored[l][j];
            }
        }
    }

    /// <summary>The levels, in the order of the arrays.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>Distinct times, ascending, after R's time fix.</summary>
    public double[] Times { get; }

    /// <summary>[level][time] events.</summary>
    public int[][] Events { get; }

    /// <summary>[level][time] censorings.</summary>
    public int[][] Censored { get; }

    /// <summary>[level][time] number at risk just before the time.</summary>
    public int[][] AtRisk { get; }

    /// <summary>Rows in a level.</summary>
    public int N(int level) => Events[level].Sum() + Censored[level].Sum();

    /// <summary>Events in a level.</summary>
    public int EventCount(int level) => Events[level].Sum();

    /// <summary>
    /// Merges the tables of <paramref name="levels"/> (tables of other levels are ignored). Near-equal
    /// times are merged as R's <c>aeqSurv</c> does over all the times pooled.
    /// </summary>
    public static PooledEventTimes Merge(IEnumerable<GroupEventTimes> tables, IReadOnlyList<string> levels)
    {
        var index = levels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var used = tables.Where(t => index.ContainsKey(t.Level)).ToList();
        foreach (var t in used)
        {
            if (t.Events.Count != t.Time.Count || t.Censored.Count != t.Time.Count)
                throw new AnalysisException($"survival table of level '{t.Level}': time, events and censored differ in length");
            if (t.Events.Any(c => c < 0) || t.Censored.Any(c => c < 0) || t.Time.Any(x => !double.IsFinite(x)))
                throw new AnalysisException($"survival table of level '{t.Level}': negative count or non-finite time");
        }

        var distinct = used.SelectMany(t => t.Time).Distinct().Order().ToArray();
        var fixedTimes = TimeFix.Representatives(distinct);
        var times = fixedTimes.Distinct().ToArray();
        var position = new Dictionary<double, int>();
        for (var i = 0; i < distinct.Length; i++)
            position[distinct[i]] = Array.BinarySearch(times, fixedTimes[i]);

        var events = levels.Select(_ => new int[times.Length]).ToArray();
        var censored = levels.Select(_ => new int[times.Length]).ToArray();
        foreach (var t in used)
        {
            var l = index[t.Level];
            for (var j = 0; j < t.Time.Count; j++)
            {
                var k = position[t.Time[j]];
                events[l][k] += t.Events[j];
                censored[l][k] += t.Censored[j];
            }
        }
        return new PooledEventTimes(levels, times, events, censored);
    }
}
