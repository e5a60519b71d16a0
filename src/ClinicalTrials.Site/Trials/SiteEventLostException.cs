namespace ClinicalTrials.Site.Trials;

/// <summary>An event added to the anchor batcher is in no batch (it had not reached the disk when the process stopped).</summary>
public sealed class SiteEventLostException(string message, Exception? inner = null) : Exception(message, inner);
