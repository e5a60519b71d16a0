namespace ClinicalTrials.Site.Consent;

/// <summary>Participants of a trial by current consent state.</summary>
/// <param name="Granted">Whose latest action is a grant.</param>
/// <param name="Withdrawn">Whose latest action is a withdrawal.</param>
public sealed record ConsentCounts(int Granted, int Withdrawn);
