using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger;

/// <summary>An anchored Merkle root: one transaction or entry for any number of events.</summary>
public sealed record AnchorRecord(string TrialId, AnchorKind Kind, ContentHash Root, long LeafCount, string Anchorer, LedgerReceipt Receipt);
