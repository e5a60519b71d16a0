using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// Where a site's events go to be anchored: leaves of Merkle batches whose roots reach the ledger
/// (<see cref="BatcherEventLog"/> over the ledger's <see cref="AnchorBatcher"/>). Events must hold no
/// direct identifier and nothing that unblinds: participants appear only as pseudonyms, arms never.
/// </summary>
public interface ISiteEventLog
{
    /// <summary>Adds an event (canonicalised, RFC 8785) to the open batch of (<paramref name="trialId"/>, <paramref name="kind"/>); does not wait for the ledger.</summary>
    LoggedEvent Add(string trialId, AnchorKind kind, JsonNode @event);

    /// <summary>Whether the ticket's event is on the ledger yet, without waiting.</summary>
    AnchorStatus StatusOf(EventTicket ticket);

    /// <summary>Seals the open batches now and waits until the ticket's batch is anchored.</summary>
    /// <exception cref="SiteEventLostException">The event did not reach the disk before a restart and is in no batch.</exception>
    Task<LedgerReceipt> ConfirmAsync(EventTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>The Merkle proof of the ticket's event (its batch must be sealed).</summary>
    Task<EventProof> GetProofAsync(EventTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>Seals every open batch and waits until every sealed batch is anchored.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
