namespace ClinicalTrials.Core.Protocol;

/// <summary>A participating site.</summary>
public sealed record Site
{
    /// <summary>Stable identifier of the site (its keys and agent are registered under it).</summary>
    public required string Id { get; init; }

    /// <summary>The value of the <c>site</c> variable in the derived dataset (the federated engine's site number, 1-based).</summary>
    public required int Number { get; init; }

    /// <summary>Human name.</summary>
    public required string Name { get; init; }
}
