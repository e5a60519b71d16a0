namespace ClinicalTrials.Core.Sap;

/// <summary>The pre-specified rule for sites that do not contribute to an analysis.</summary>
public sealed record MissingSiteRule
{
    /// <summary>Fail, or proceed without them.</summary>
    public required MissingSitePolicy Rule { get; init; }

    /// <summary>With <see cref="MissingSitePolicy.ProceedWithExclusion"/>: fewest sites an analysis may use.</summary>
    public int? MinSites { get; init; }
}
