using System.Collections.Immutable;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// A stratification factor. <c>site</c> stratifies by site; any other name is a derived-dataset
/// column whose value is recorded at enrollment, one of <see cref="Levels"/>.
/// </summary>
public sealed record RandomizationStratum
{
    /// <summary>Stratum variable name (<c>site</c>, or an identifier).</summary>
    public required string Name { get; init; }

    /// <summary>Levels (required for anything but <c>site</c>, whose levels are the site numbers).</summary>
    public ImmutableArray<string> Levels { get; init; } = [];

    /// <summary>How the level is determined at enrollment.</summary>
    public string? Description { get; init; }
}
