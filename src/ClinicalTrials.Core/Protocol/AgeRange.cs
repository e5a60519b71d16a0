namespace ClinicalTrials.Core.Protocol;

/// <summary>Inclusive age limits at consent, in whole years.</summary>
public sealed record AgeRange
{
    /// <summary>Youngest eligible age.</summary>
    public required int MinYears { get; init; }

    /// <summary>Oldest eligible age; none when absent.</summary>
    public int? MaxYears { get; init; }
}
