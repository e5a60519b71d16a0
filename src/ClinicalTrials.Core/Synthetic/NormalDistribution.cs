namespace ClinicalTrials.Core.Synthetic;

/// <summary>A normal distribution, optionally truncated to [<see cref="Min"/>, <see cref="Max"/>].</summary>
public sealed record NormalDistribution
{
    /// <summary>Mean.</summary>
    public required double Mean { get; init; }

    /// <summary>Standard deviation.</summary>
    public required double Sd { get; init; }

    /// <summary>Lower truncation bound.</summary>
    public double? Min { get; init; }

    /// <summary>Upper truncation bound.</summary>
    public double? Max { get; init; }
}
