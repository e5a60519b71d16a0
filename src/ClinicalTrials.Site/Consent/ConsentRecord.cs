namespace ClinicalTrials.Site.Consent;

/// <summary>One recorded consent action.</summary>
/// <param name="TrialId">Trial.</param>
/// <param name="ParticipantId">The site's participant id (never leaves the site).</param>
/// <param name="Action">Grant or withdrawal.</param>
/// <param name="At">When (UTC).</param>
/// <param name="EventHash">Hash of the anchored consent event (<c>sha256:…</c>).</param>
public sealed record ConsentRecord(string TrialId, string ParticipantId, ConsentAction Action, DateTime At, string EventHash);
