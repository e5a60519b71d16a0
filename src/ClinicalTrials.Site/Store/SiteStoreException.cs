namespace ClinicalTrials.Site.Store;

/// <summary>The site database cannot be opened or used (locked by another process, damaged, full disk).</summary>
public sealed class SiteStoreException(string message, Exception? inner = null) : Exception(message, inner);
