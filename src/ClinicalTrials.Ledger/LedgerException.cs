namespace ClinicalTrials.Ledger;

/// <summary>A ledger operation failed; the message says which and why.</summary>
public class LedgerException(string message, Exception? inner = null) : Exception(message, inner);
