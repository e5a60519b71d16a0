using System.Collections.Immutable;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>What the investigator states when enrolling a participant.</summary>
public sealed record EnrollmentRequest
{
    /// <summary>Age at enrollment in whole years; when null, computed from the participant's recorded birth date.</summary>
    public int? Age { get; init; }

    /// <summary><c>F</c> or <c>M</c> (also <c>female</c>/<c>male</c>); when null, the participant's recorded sex.</summary>
    public string? Sex { get; init; }

    /// <summary>The level of each stratification factor other than the site, by factor name.</summary>
    public ImmutableDictionary<string, string> Strata { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The investigator confirms that the protocol's free-text inclusion criteria are met and no exclusion criterion applies.</summary>
    public bool InvestigatorConfirmed { get; init; }

    /// <summary>Enrollment (randomization) time; now when null. Day 0 of the participant's study days is its UTC date.</summary>
    public DateTimeOffset? At { get; init; }
}
