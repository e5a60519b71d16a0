namespace ClinicalTrials.Ledger;

/// <summary>The ledger could not be reached or did not answer; the operation may be retried later.</summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : LedgerException(message, inner);
