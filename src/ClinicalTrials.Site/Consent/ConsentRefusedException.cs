namespace ClinicalTrials.Site.Consent;

/// <summary>A consent action the site refuses (unknown trial, withdrawal without a standing consent), with the reason.</summary>
public sealed class ConsentRefusedException(string message) : Exception(message);
