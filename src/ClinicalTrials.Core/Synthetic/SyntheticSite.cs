namespace ClinicalTrials.Core.Synthetic;

/// <summary>One simulated site: which protocol site, and how many participants it enrolls.</summary>
public sealed record SyntheticSite
{
    /// <summary>The protocol site's number (the <c>site</c> variable).</summary>
    public required int Site { get; init; }

    /// <summary>Participants randomized at the site.</summary>
    public required int Participants { get; init; }
}
