namespace ClinicalTrials.Core.Protocol;

/// <summary>How follow-up ends for participants without an event.</summary>
public sealed record Censoring
{
    /// <summary>Censoring rule.</summary>
    public CensoringRule At { get; init; } = CensoringRule.LastContact;

    /// <summary>Administrative censoring: follow-up stops at this day after randomization.</summary>
    public required int MaxFollowUpDays { get; init; }
}
