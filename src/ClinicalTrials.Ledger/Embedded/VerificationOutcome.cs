namespace ClinicalTrials.Ledger.Embedded;

/// <summary>A verification's report and the state replayed from the file (meaningful only when the report is valid).</summary>
internal sealed record VerificationOutcome(EmbeddedLedgerReport Report, LedgerState State);
