using System.Collections.Immutable;

namespace ClinicalTrials.Core.Protocol;

/// <summary>Who may enroll: structured criteria a site agent checks, and free-text criteria an investigator confirms.</summary>
public sealed record Eligibility
{
    /// <summary>Age limits.</summary>
    public required AgeRange Age { get; init; }

    /// <summary>Sexes eligible.</summary>
    public SexEligibility Sex { get; init; } = SexEligibility.All;

    /// <summary>Criteria on measured observations.</summary>
    public ImmutableArray<ObservationCriterion> Observations { get; init; } = [];

    /// <summary>Inclusion criteria, as text.</summary>
    public ImmutableArray<string> Inclusion { get; init; } = [];

    /// <summary>Exclusion criteria, as text.</summary>
    public ImmutableArray<string> Exclusion { get; init; } = [];
}
