namespace ClinicalTrials.Site.Consent;

/// <summary>What a grant or withdrawal changed.</summary>
public enum ConsentOutcome
{
    /// <summary>First consent in the trial.</summary>
    Granted,

    /// <summary>Consent given again after a withdrawal (re-consent); recorded as a new grant.</summary>
    Regranted,

    /// <summary>Consent already stood; nothing was recorded.</summary>
    AlreadyGranted,

    /// <summary>Consent withdrawn.</summary>
    Withdrawn,
}
