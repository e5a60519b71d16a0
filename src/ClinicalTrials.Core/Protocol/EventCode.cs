namespace ClinicalTrials.Core.Protocol;

/// <summary>A coded clinical event that counts toward a time-to-event endpoint.</summary>
public sealed record EventCode
{
    /// <summary>The code's terminology.</summary>
    public required CodeSystem System { get; init; }

    /// <summary>The code.</summary>
    public required string Code { get; init; }

    /// <summary>What the code means in this trial (e.g. "hospitalization with a primary diagnosis of heart failure").</summary>
    public string? Description { get; init; }
}
