namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// Where an added event went: its batch and its leaf index in that batch's Merkle tree. Keep it
/// (with the event) to ask for the event's proof later. A struct because every added event
/// returns one and the hot path allocates nothing.
/// </summary>
/// <param name="BatchId">The batch (unique in the batcher's directory, increasing).</param>
/// <param name="LeafIndex">Zero-based leaf index in the batch's tree.</param>
public readonly record struct EventTicket(long BatchId, long LeafIndex)
{
    /// <inheritdoc />
    public override string ToString() => $"batch {BatchId} leaf {LeafIndex}";
}
