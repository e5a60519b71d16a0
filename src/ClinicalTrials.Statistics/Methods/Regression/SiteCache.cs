using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// Deterministic per-table preprocessing (design matrix, sort order) kept between the rounds of an
/// iterative method, keyed weakly by the table so it goes when the table goes. The site step is a
/// pure function of (table, request, rules); the cache only saves recomputing the same thing.
/// </summary>
internal sealed class SiteCache<T>
    where T : class
{
    // A site runs a handful of analyses on one table; more distinct keys than this means the
    // cache is not helping, so it starts over rather than growing without bound.
    private const int MaxEntriesPerTable = 8;

    private readonly ConditionalWeakTable<SiteTable, ConcurrentDictionary<string, Lazy<T>>> _tables = new();

    /// <summary>The value for (<paramref name="table"/>, <paramref name="key"/>), built once.</summary>
    public T Get(SiteTable table, string key, Func<T> build)
    {
        var entries = _tables.GetValue(table, _ => new ConcurrentDictionary<string, Lazy<T>>(StringComparer.Ordinal));
        if (entries.Count >= MaxEntriesPerTable && !entries.ContainsKey(key)) entries.Clear();
        return entries.GetOrAdd(key, _ => new Lazy<T>(build)).Value;
    }
}
