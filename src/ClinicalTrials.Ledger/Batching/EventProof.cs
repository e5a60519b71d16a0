using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// Everything needed to show that one event is in an anchored batch: the event's commitment
/// (nonce and event hash, which open the leaf), its RFC 6962 inclusion proof, the batch root and
/// the ledger's receipt for that root. Check it with <see cref="AnchorBatcher.VerifyEventProof"/>
/// given the event's canonical bytes, and check the root on the ledger
/// (<see cref="IAnchorLedger.FindAnchorAsync"/>).
/// </summary>
/// <param name="TrialId">The trial the batch was anchored for.</param>
/// <param name="Kind">The batch's anchor kind.</param>
/// <param name="BatchId">The batch.</param>
/// <param name="LeafIndex">The event's leaf index in the batch.</param>
/// <param name="LeafCount">Events in the batch (the tree size the root covers).</param>
/// <param name="Nonce">The event's 32-byte commitment nonce, 64 hex digits. Reveals the event to whoever holds it.</param>
/// <param name="EventHash">SHA-256 of the event's canonical bytes.</param>
/// <param name="LeafHash">The committed leaf: SHA-256(0x00 ‖ nonce ‖ event hash).</param>
/// <param name="InclusionProof">The inclusion proof's JSON (<see cref="Core.Merkle.InclusionProof"/>).</param>
/// <param name="Root">The batch's Merkle root, the value anchored on the ledger.</param>
/// <param name="Receipt">The ledger's receipt for the root; null while the batch waits for the ledger.</param>
public sealed record EventProof(
    string TrialId,
    AnchorKind Kind,
    long BatchId,
    long LeafIndex,
    long LeafCount,
    string Nonce,
    ContentHash EventHash,
    NodeHash LeafHash,
    string InclusionProof,
    NodeHash Root,
    LedgerReceipt? Receipt);
