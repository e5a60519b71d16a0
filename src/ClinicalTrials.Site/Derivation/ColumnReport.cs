using System.Collections.Immutable;

namespace ClinicalTrials.Site.Derivation;

/// <summary>How one derived column came out: how many values, and why the others are missing.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Present">Participants with a value.</param>
/// <param name="Missing">Participants without one, counted by reason (e.g. "fewer than 4 readings in days 77..84").</param>
public sealed record ColumnReport(string Name, int Present, ImmutableSortedDictionary<string, int> Missing)
{
    /// <summary>One line for a data manager: <c>sbp_change: 231 values, 9 missing (fewer than 4 readings in days 77..84: 9)</c>.</summary>
    public override string ToString() => Missing.IsEmpty
        ? $"{Name}: {Present} values"
        : $"{Name}: {Present} values, {Missing.Values.Sum()} missing ({string.Join("; ", Missing.Select(m => $"{m.Key}: {m.Value}"))})";
}
