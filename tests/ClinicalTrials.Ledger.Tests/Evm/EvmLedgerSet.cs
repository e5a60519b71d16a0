using ClinicalTrials.Ledger.Evm;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>One ledger per party of a test trial, all on the same contract.</summary>
internal sealed record EvmLedgerSet(EvmAnchorLedger Sponsor, EvmAnchorLedger SiteA, EvmAnchorLedger SiteB, EvmAnchorLedger Stranger);
