namespace ClinicalTrials.Core.Sap;

/// <summary>
/// A model term: a numeric column, or a factor with explicit levels whose first level is the
/// reference (treatment contrasts; coefficient names follow R, e.g. <c>rxLev+5FU</c>).
/// </summary>
public sealed record TermSpec
{
    /// <summary>Column name.</summary>
    public required string Name { get; init; }

    /// <summary><c>numeric</c> or <c>factor</c>.</summary>
    public required TermType Type { get; init; }

    /// <summary>Factor levels, reference first; values are compared as strings.</summary>
    public IReadOnlyList<string>? Levels { get; init; }
}
