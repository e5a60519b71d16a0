namespace ClinicalTrials.Site.Trials;

/// <summary>A trial cannot be joined as given (invalid documents, site not in the protocol, a change the site must refuse).</summary>
public sealed class TrialJoinException(string message) : Exception(message);
