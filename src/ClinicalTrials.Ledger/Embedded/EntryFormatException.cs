namespace ClinicalTrials.Ledger.Embedded;

/// <summary>A line that is JSON but not a ledger entry; the message says which member is wrong.</summary>
internal sealed class EntryFormatException(string message) : Exception(message);
