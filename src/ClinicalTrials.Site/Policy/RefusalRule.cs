namespace ClinicalTrials.Site.Policy;

/// <summary>
/// Names of the site agent's own refusal rules, as they appear in <c>AnalysisRefused.Rule</c>
/// (the per-aggregate rules are <see cref="ClinicalTrials.Statistics.DisclosureRule"/>'s).
/// </summary>
public static class RefusalRule
{
    /// <summary>The site has not joined the trial.</summary>
    public const string UnknownTrial = "unknown_trial";

    /// <summary>The request is addressed to another site, or the round does not include this site.</summary>
    public const string WrongSite = "wrong_site";

    /// <summary>The trial is not registered on the ledger (or the ledger cannot be read).</summary>
    public const string TrialNotRegistered = "trial_not_registered";

    /// <summary>The request's SAP hash is not the registered SAP's.</summary>
    public const string SapNotRegistered = "sap_not_registered";

    /// <summary>The requested analysis is not in the registered SAP, or differs from it.</summary>
    public const string AnalysisNotInSap = "analysis_not_in_sap";

    /// <summary>The request could not be read.</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>Two requests' participant sets differ by too few participants.</summary>
    public const string Differencing = "differencing";

    /// <summary>The site's data cannot support the analysis (e.g. no rows, a constant covariate).</summary>
    public const string AnalysisError = "analysis_error";
}
