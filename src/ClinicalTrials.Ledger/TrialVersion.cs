using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger;

/// <summary>One registered version of a trial's protocol and SAP (version 1 is the registration; later ones are amendments).</summary>
public sealed record TrialVersion(int Version, ContentHash ProtocolHash, ContentHash SapHash, ContentHash? ReasonHash, LedgerReceipt Receipt);
