namespace ClinicalTrials.Core.Protocol;

/// <summary>A treatment arm. Its <see cref="Id"/> is the value of the <c>arm</c> variable and a factor level in the SAP.</summary>
public sealed record Arm
{
    /// <summary>Identifier (lowercase, digits, underscore), unique in the protocol.</summary>
    public required string Id { get; init; }

    /// <summary>Human name.</summary>
    public required string Name { get; init; }

    /// <summary>Relative allocation weight; with permuted blocks, a positive integer.</summary>
    public required double AllocationRatio { get; init; }

    /// <summary>What participants in the arm receive.</summary>
    public string? Description { get; init; }
}
