using System.Text;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// The site's events as leaves of an <see cref="AnchorBatcher"/> that anchors as the site's own
/// ledger account (the sponsor must have registered the site's key with that account, or every
/// anchoring is refused and the batches wait). The batcher stays the caller's to dispose.
/// </summary>
public sealed class BatcherEventLog(AnchorBatcher batcher) : ISiteEventLog
{
    /// <inheritdoc />
    public LoggedEvent Add(string trialId, AnchorKind kind, JsonNode @event)
    {
        var canonical = CanonicalJson.Canonicalize(@event);
        var ticket = batcher.Add(trialId, kind, canonical);
        return new LoggedEvent(trialId, kind, ticket, ContentHash.OfBytes(canonical), Encoding.UTF8.GetString(canonical));
    }

    /// <inheritdoc />
    public AnchorStatus StatusOf(EventTicket ticket)
    {
        var manifest = batcher.Batches.FirstOrDefault(b => b.BatchId == ticket.BatchId);
        if (manifest is null) return new AnchorStatus(AnchorState.Lost);
        if (manifest.State == BatchState.Open) return new AnchorStatus(AnchorState.Pending);
        // A batch re-sealed after a crash keeps only the events that reached the disk.
        if (ticket.LeafIndex >= manifest.LeafCount) return new AnchorStatus(AnchorState.Lost);
        return manifest is { State: BatchState.Anchored, Receipt: { } receipt }
            ? new AnchorStatus(AnchorState.Anchored, receipt)
            : new AnchorStatus(AnchorState.Pending);
    }

    /// <inheritdoc />
    public async Task<LedgerReceipt> ConfirmAsync(EventTicket ticket, CancellationToken cancellationToken = default)
    {
        await batcher.SealAllAsync(cancellationToken).ConfigureAwait(false);
        LedgerReceipt receipt;
        try
        {
            receipt = await batcher.WhenAnchoredAsync(ticket.BatchId, cancellationToken).ConfigureAwait(false);
        }
        catch (BatchingException e)
        {
            throw new SiteEventLostException($"event {ticket} is in no batch: {e.Message}", e);
        }
        if (StatusOf(ticket).State == AnchorState.Lost)
            throw new SiteEventLostException($"event {ticket} did not reach the disk before a restart; its batch was anchored without it");
        return receipt;
    }

    /// <inheritdoc />
    public Task<EventProof> GetProofAsync(EventTicket ticket, CancellationToken cancellationToken = default) =>
        batcher.GetProofAsync(ticket, cancellationToken);

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => batcher.FlushAsync(cancellationToken);
}
