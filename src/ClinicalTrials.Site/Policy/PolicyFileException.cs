namespace ClinicalTrials.Site.Policy;

/// <summary>A site policy file is missing or wrong; the message names the file and field.</summary>
public sealed class PolicyFileException(string message) : Exception(message);
