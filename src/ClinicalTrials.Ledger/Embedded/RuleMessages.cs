using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// The rules' refusal messages. Worded like the TrialRegistry contract's revert reasons so a caller
/// sees the same text whichever ledger it talks to.
/// </summary>
internal static class RuleMessages
{
    public static string AlreadyRegistered(string trialId) => $"trial {trialId} is already registered";

    public static string NotRegistered(string trialId) => $"trial {trialId} is not registered";

    public static string NotSponsor(string trialId) => $"not the sponsor of trial {trialId}";

    public static string NotActiveSite(string account, string trialId) => $"account {account} is not an active site of trial {trialId}";

    public static string SponsorOnlyKind(AnchorKind kind) => $"kind {kind} may only be anchored by the sponsor";

    public static string SiteOnlyKind(AnchorKind kind) => $"kind {kind} may only be anchored by a site";

    public const string LeafCountTooSmall = "leafCount must be at least 1";

    public static readonly string LeafCountTooLarge = $"leafCount must be at most {EntryCodec.MaxSafeInteger}";

    public const string ZeroRoot = "root must not be zero";

    // A root is anchored once per trial, so finding an anchor by root is never ambiguous and a
    // retried anchor of the same batch cannot land twice (the contract's rule and wording).
    public static string RootAlreadyAnchored(ContentHash root, string trialId) => $"root 0x{root.ToHex()} is already anchored in trial {trialId}";

    public static string SiteKeyActive(string siteId, string trialId) => $"site {siteId} already has an active key in trial {trialId}";

    public static string NoActiveSiteKey(string siteId, string trialId) => $"site {siteId} has no active key in trial {trialId}";

    public static string SiteKeyLength(int length) => $"a site key is 32 bytes (Ed25519), got {length}";

    public static string WrongVersion(string trialId, int expected, int recorded) =>
        $"amendment of trial {trialId} records version {recorded}, but the next version is {expected}";

    public const string GenesisNotFirst = "a genesis entry may only be entry 0";
}
