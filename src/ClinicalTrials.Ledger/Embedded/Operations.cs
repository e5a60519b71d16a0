using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>Entry 0: the ledger's format, the notice that it is a local notary, and its public key.</summary>
internal sealed record GenesisOperation(string Format, string Notice, byte[] PublicKey, string KeyId) : LedgerOperation
{
    public const string OpName = "genesis";

    public override string Name => OpName;

    public override string Label => "genesis";

    public override JsonObject ToArgs() => new()
    {
        ["format"] = Format,
        ["notice"] = Notice,
        ["public_key"] = Convert.ToHexStringLower(PublicKey),
        ["key_id"] = KeyId,
    };
}

/// <summary>Registers a trial; the acting account becomes its sponsor.</summary>
internal sealed record RegisterTrialOperation(string TrialId, ContentHash ProtocolHash, ContentHash SapHash) : LedgerOperation
{
    public const string OpName = "register_trial";

    public override string Name => OpName;

    public override string Label => $"registerTrial({TrialId})";

    public override JsonObject ToArgs() => new()
    {
        ["trial_id"] = TrialId,
        ["protocol_hash"] = ProtocolHash.ToString(),
        ["sap_hash"] = SapHash.ToString(),
    };
}

/// <summary>Adds version <see cref="Version"/> of a trial (recorded so the file reads on its own).</summary>
internal sealed record AmendOperation(string TrialId, int Version, ContentHash ProtocolHash, ContentHash SapHash, ContentHash ReasonHash) : LedgerOperation
{
    public const string OpName = "amend";

    public override string Name => OpName;

    public override string Label => $"amend({TrialId})";

    public override JsonObject ToArgs() => new()
    {
        ["trial_id"] = TrialId,
        ["version"] = Version,
        ["protocol_hash"] = ProtocolHash.ToString(),
        ["sap_hash"] = SapHash.ToString(),
        ["reason_hash"] = ReasonHash.ToString(),
    };
}

/// <summary>Registers a site's Ed25519 key and the account that anchors for it.</summary>
internal sealed record RegisterSiteKeyOperation(string TrialId, string SiteId, byte[] PublicKey, string AnchorAccount) : LedgerOperation
{
    public const string OpName = "register_site_key";

    public override string Name => OpName;

    public override string Label => $"registerSiteKey({TrialId}, {SiteId})";

    public override JsonObject ToArgs() => new()
    {
        ["trial_id"] = TrialId,
        ["site_id"] = SiteId,
        ["public_key"] = Convert.ToHexStringLower(PublicKey),
        ["anchor_account"] = AnchorAccount,
    };
}

/// <summary>Revokes a site's active key and its anchoring right.</summary>
internal sealed record RevokeSiteKeyOperation(string TrialId, string SiteId) : LedgerOperation
{
    public const string OpName = "revoke_site_key";

    public override string Name => OpName;

    public override string Label => $"revokeSiteKey({TrialId}, {SiteId})";

    public override JsonObject ToArgs() => new()
    {
        ["trial_id"] = TrialId,
        ["site_id"] = SiteId,
    };
}

/// <summary>Anchors one Merkle root of <see cref="LeafCount"/> events.</summary>
internal sealed record AnchorOperation(string TrialId, AnchorKind Kind, ContentHash Root, long LeafCount) : LedgerOperation
{
    public const string OpName = "anchor";

    public override string Name => OpName;

    public override string Label => $"anchor({TrialId}, {Kind})";

    public override JsonObject ToArgs() => new()
    {
        ["trial_id"] = TrialId,
        ["kind"] = Kind.ToString(),
        ["root"] = Root.ToString(),
        ["leaf_count"] = LeafCount,
    };
}
