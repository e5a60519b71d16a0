using System.Collections.Immutable;
using ClinicalTrials.Ledger;

namespace ClinicalTrials.Site.Randomization;

/// <summary>A site's committed allocation (the lists themselves stay secret until unblinding).</summary>
/// <param name="TrialId">Trial.</param>
/// <param name="SiteNumber">This site's number.</param>
/// <param name="Commitment">SHA-256 of the canonical {trial, site, seed, lists} (<c>sha256:…</c>).</param>
/// <param name="CreatedAt">When the lists were generated (UTC, site clock). No enrollment may be dated before it.</param>
/// <param name="EventHash">Hash of the anchored randomization_commitment event.</param>
/// <param name="ListLengths">Each stratum's list length, by stratum key.</param>
/// <param name="Receipt">The ledger's receipt for the root covering the event; null until anchored.</param>
public sealed record AllocationCommitment(
    string TrialId,
    int SiteNumber,
    string Commitment,
    DateTime CreatedAt,
    string EventHash,
    ImmutableSortedDictionary<string, int> ListLengths,
    LedgerReceipt? Receipt)
{
    /// <summary>True once the commitment is on the ledger: enrollment may start.</summary>
    public bool IsConfirmed => Receipt is not null;
}
