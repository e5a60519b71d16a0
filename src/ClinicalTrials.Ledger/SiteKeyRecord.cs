namespace ClinicalTrials.Ledger;

/// <summary>A site's registered Ed25519 public key and the ledger account allowed to anchor for it.</summary>
public sealed record SiteKeyRecord(string SiteId, byte[] PublicKey, string AnchorAccount, LedgerReceipt Registered, LedgerReceipt? Revoked)
{
    /// <summary>True while not revoked.</summary>
    public bool Active => Revoked is null;
}
