using System.Text.Json.Serialization;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// A batch's small state file (<c>manifest.json</c> beside its leaf and commitment files), always
/// replaced atomically (written to a temporary file, flushed, renamed over the old one).
/// </summary>
/// <param name="BatchId">The batch id, also its directory's name.</param>
/// <param name="TrialId">The trial every event of the batch belongs to.</param>
/// <param name="Kind">What the anchored root commits to.</param>
/// <param name="State">open, sealed or anchored.</param>
/// <param name="LeafCount">Events in the batch; 0 while open (the files are the count then).</param>
/// <param name="Root">The RFC 6962 root of the batch's tree, once sealed.</param>
/// <param name="OpenedAt">When the batch's first event arrived.</param>
/// <param name="SealedAt">When the batch was sealed.</param>
/// <param name="Receipt">The ledger's receipt, once anchored.</param>
/// <param name="LastError">The last anchoring failure while still sealed (ledger down or a rule refused), for operators.</param>
public sealed record BatchManifest(
    [property: JsonPropertyName("batch_id")] long BatchId,
    [property: JsonPropertyName("trial_id")] string TrialId,
    [property: JsonPropertyName("kind")] AnchorKind Kind,
    [property: JsonPropertyName("state")] BatchState State,
    [property: JsonPropertyName("leaf_count")] long LeafCount,
    [property: JsonPropertyName("root")] ContentHash? Root,
    [property: JsonPropertyName("opened_at")] DateTimeOffset OpenedAt,
    [property: JsonPropertyName("sealed_at")] DateTimeOffset? SealedAt,
    [property: JsonPropertyName("receipt")] LedgerReceipt? Receipt,
    [property: JsonPropertyName("last_error")] string? LastError);
