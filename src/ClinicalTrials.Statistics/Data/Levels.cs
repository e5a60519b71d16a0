namespace ClinicalTrials.Statistics.Data;

/// <summary>Factor levels as R's reference kit orders them: given levels, else the sorted observed values.</summary>
public static class Levels
{
    /// <summary>Sorted distinct keys of <paramref name="column"/> over <paramref name="rows"/>.</summary>
    public static IReadOnlyList<string> Observed(Column column, IEnumerable<int> rows) =>
        rows.Select(column.Key).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Merges sites' observed levels into one sorted list.</summary>
    public static IReadOnlyList<string> Merge(IEnumerable<IEnumerable<string>> perSite) =>
        perSite.SelectMany(l => l).Distinct().Order(StringComparer.Ordinal).ToArray();
}
