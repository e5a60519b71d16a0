namespace ClinicalTrials.Site.Consent;

/// <summary>What a participant did (stored as <c>grant</c> / <c>withdraw</c>).</summary>
public enum ConsentAction
{
    /// <summary>Consent given (or given again after a withdrawal).</summary>
    Grant,

    /// <summary>Consent withdrawn: the participant's data leaves every later analysis.</summary>
    Withdraw,
}
