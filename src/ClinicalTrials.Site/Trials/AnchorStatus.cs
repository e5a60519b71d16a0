using ClinicalTrials.Ledger;

namespace ClinicalTrials.Site.Trials;

/// <summary>An event's anchoring state, with the ledger's receipt once anchored.</summary>
/// <param name="State">Pending, anchored or lost.</param>
/// <param name="Receipt">The receipt of the root that covers the event; null unless anchored.</param>
public sealed record AnchorStatus(AnchorState State, LedgerReceipt? Receipt = null);
