namespace ClinicalTrials.Site.Hosting;

/// <summary>A site directory is missing, not initialised, or holds a bad file; the message names it.</summary>
public sealed class SiteHomeException(string message, Exception? inner = null) : Exception(message, inner);
