namespace ClinicalTrials.Core.Protocol;

/// <summary>A scheduled contact, on a target study day, acceptable within a window.</summary>
public sealed record Visit
{
    /// <summary>Identifier, unique among visits.</summary>
    public required string Id { get; init; }

    /// <summary>Human name.</summary>
    public required string Name { get; init; }

    /// <summary>Target study day.</summary>
    public required int Day { get; init; }

    /// <summary>Days on which the visit counts as on schedule; contains <see cref="Day"/>.</summary>
    public required DayWindow Window { get; init; }
}
