using System.Collections.Immutable;

namespace ClinicalTrials.Core.Protocol;

/// <summary>One column of a protocol's derived dataset (one row per participant).</summary>
/// <param name="Name">Column name, as analyses reference it.</param>
/// <param name="Kind">What the column holds.</param>
/// <param name="Levels">Factor levels for categorical and binary columns (as strings), else empty.</param>
/// <param name="DefinedAt">JSON path in the protocol of the definition, or a note for built-in columns.</param>
public sealed record DerivedVariable(string Name, VariableKind Kind, ImmutableArray<string> Levels, string DefinedAt)
{
    /// <summary>Levels of a 0/1 variable.</summary>
    public static ImmutableArray<string> BinaryLevels { get; } = ["0", "1"];
}
