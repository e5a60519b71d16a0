namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>A command line that cannot be carried out as given; the message says why.</summary>
internal sealed class UsageException(string message) : Exception(message);
