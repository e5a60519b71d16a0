namespace ClinicalTrials.Ledger.Embedded;

/// <summary>What <see cref="EmbeddedLedger.RepairTruncatedTail"/> did.</summary>
/// <param name="Path">The ledger file repaired.</param>
/// <param name="Line">The 1-based number of the incomplete line removed.</param>
/// <param name="RemovedBytes">How many bytes were removed from the end of the file.</param>
/// <param name="SavedTo">The side file now holding those bytes.</param>
public sealed record TailRepair(string Path, int Line, int RemovedBytes, string SavedTo);
