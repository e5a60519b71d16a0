namespace ClinicalTrials.Site.Enrollment;

/// <summary>A participant's allocation at this site (never sent to the sponsor before unblinding).</summary>
/// <param name="TrialId">Trial.</param>
/// <param name="ParticipantId">The site's participant id.</param>
/// <param name="Arm">The allocated arm.</param>
/// <param name="Stratum">The stratum key, e.g. <c>site=3|hba1c_group=ge_8_5</c>.</param>
/// <param name="Position">The 1-based position taken in the stratum's list.</param>
/// <param name="Block">The permuted block that position is in.</param>
/// <param name="RandomizedAt">Enrollment time (UTC); its date is study day 0.</param>
/// <param name="EventHash">Hash of the anchored enrollment event.</param>
public sealed record Allocation(string TrialId, string ParticipantId, string Arm, string Stratum, int Position, int Block, DateTime RandomizedAt, string EventHash);
