using System.Collections.Immutable;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>A derived column with its report; <see cref="Numbers"/> for numeric columns (NaN = missing).</summary>
internal sealed record DerivedColumn(Column Column, ColumnReport Report, double[]? Numbers)
{
    public static DerivedColumn Numeric(string name, int count, Func<int, (double Value, string? Reason)> value)
    {
        var values = new double[count];
        var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (v, reason) = value(i);
            values[i] = v;
            if (double.IsNaN(v)) Count(missing, reason);
        }
        return new DerivedColumn(Column.FromNumbers(name, values), MakeReport(name, count, missing), values);
    }

    public static DerivedColumn Categorical(string name, int count, Func<int, (string? Value, string? Reason)> value)
    {
        var values = new string?[count];
        var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (v, reason) = value(i);
            values[i] = v;
            if (v is null) Count(missing, reason);
        }
        return new DerivedColumn(Column.FromStrings(name, values), MakeReport(name, count, missing), null);
    }

    private static void Count(SortedDictionary<string, int> missing, string? reason)
    {
        reason ??= "missing";
        missing[reason] = missing.GetValueOrDefault(reason) + 1;
    }

    private static ColumnReport MakeReport(string name, int count, SortedDictionary<string, int> missing) =>
        new(name, count - missing.Values.Sum(), missing.ToImmutableSortedDictionary(StringComparer.Ordinal));
}
