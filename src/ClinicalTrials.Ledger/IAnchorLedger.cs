using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger;

/// <summary>
/// The trial's notary, seen by one account (the sponsor's or a site's): registration of protocol
/// and SAP before enrollment, amendments as new versions, site keys, batched event roots,
/// results. Rules (only the sponsor registers, amends and anchors sponsor kinds; only a site's
/// registered account anchors site kinds) are the ledger's, and a refusal is a
/// <see cref="LedgerRejectedException"/> carrying the rule's message.
/// </summary>
public interface IAnchorLedger
{
    /// <summary>Which ledger this is (goes into every receipt).</summary>
    string Name { get; }

    /// <summary>The account this client acts as (an EVM address, or an embedded account name).</summary>
    string Account { get; }

    /// <summary>Registers a trial; the caller becomes its sponsor. A trial id can be registered once.</summary>
    Task<LedgerReceipt> RegisterTrialAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, CancellationToken cancellationToken = default);

    /// <summary>Adds a new version (history kept); sponsor only.</summary>
    Task<LedgerReceipt> AmendAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, ContentHash reasonHash, CancellationToken cancellationToken = default);

    /// <summary>Registers a site's Ed25519 public key and the account that anchors for it; sponsor only.</summary>
    Task<LedgerReceipt> RegisterSiteKeyAsync(string trialId, string siteId, ReadOnlyMemory<byte> publicKey, string anchorAccount, CancellationToken cancellationToken = default);

    /// <summary>Revokes a site's key (and its anchoring right); sponsor only.</summary>
    Task<LedgerReceipt> RevokeSiteKeyAsync(string trialId, string siteId, CancellationToken cancellationToken = default);

    /// <summary>Anchors one Merkle root of <paramref name="leafCount"/> events.</summary>
    Task<LedgerReceipt> AnchorAsync(string trialId, AnchorKind kind, ContentHash root, long leafCount, CancellationToken cancellationToken = default);

    /// <summary>The trial, or null when not registered.</summary>
    Task<TrialRecord?> GetTrialAsync(string trialId, CancellationToken cancellationToken = default);

    /// <summary>Every anchor of the trial, in ledger order.</summary>
    Task<IReadOnlyList<AnchorRecord>> ListAnchorsAsync(string trialId, CancellationToken cancellationToken = default);

    /// <summary>The anchor of <paramref name="root"/> in the trial, or null.</summary>
    Task<AnchorRecord?> FindAnchorAsync(string trialId, ContentHash root, CancellationToken cancellationToken = default);
}
