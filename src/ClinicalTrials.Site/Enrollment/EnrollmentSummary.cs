using System.Collections.Immutable;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>
/// What a site reports to the sponsor about enrollment before unblinding: counts only, nothing per
/// participant (allocation concealment).
/// </summary>
/// <param name="TrialId">Trial.</param>
/// <param name="SiteNumber">This site's number.</param>
/// <param name="Enrolled">Participants randomized.</param>
/// <param name="ByArm">Randomized per arm (every arm of the protocol, zeros included).</param>
/// <param name="ByStratum">Randomized per stratum key (every stratum, zeros included).</param>
/// <param name="ConsentGranted">Participants whose consent stands now.</param>
/// <param name="ConsentWithdrawn">Participants whose consent is withdrawn now.</param>
/// <param name="EnrolledWithdrawn">Randomized participants whose consent is withdrawn now (left out of analyses).</param>
public sealed record EnrollmentSummary(
    string TrialId,
    int SiteNumber,
    int Enrolled,
    ImmutableSortedDictionary<string, int> ByArm,
    ImmutableSortedDictionary<string, int> ByStratum,
    int ConsentGranted,
    int ConsentWithdrawn,
    int EnrolledWithdrawn);
