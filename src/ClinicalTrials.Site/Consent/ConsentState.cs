namespace ClinicalTrials.Site.Consent;

/// <summary>A participant's consent in a trial at a point in time: the effect of their latest action.</summary>
public enum ConsentState
{
    /// <summary>Never consented (up to that time).</summary>
    None,

    /// <summary>The latest action is a grant.</summary>
    Granted,

    /// <summary>The latest action is a withdrawal.</summary>
    Withdrawn,
}
