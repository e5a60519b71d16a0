namespace ClinicalTrials.Site.Consent;

/// <summary>The result of a grant or withdrawal.</summary>
/// <param name="Outcome">What changed.</param>
/// <param name="Record">The action recorded now, or for <see cref="ConsentOutcome.AlreadyGranted"/> the standing grant.</param>
public sealed record ConsentChange(ConsentOutcome Outcome, ConsentRecord Record);
