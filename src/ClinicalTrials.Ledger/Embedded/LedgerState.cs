using System.Collections.Immutable;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// The rules and the state they act on, shared by appending (check, write, apply) and by replay
/// on open or verification (check, apply), so both enforce exactly the same rules.
/// Not thread-safe: <see cref="EmbeddedLedger"/> serialises access.
/// </summary>
internal sealed class LedgerState
{
    private static readonly ImmutableHashSet<AnchorKind> SponsorKinds =
        [AnchorKind.DataLock, AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle, AnchorKind.Unblinding];

    private static readonly ImmutableHashSet<AnchorKind> SiteKinds =
        [AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch, AnchorKind.DataLock];

    private readonly Dictionary<string, TrialState> _trials = new(StringComparer.Ordinal);

    /// <summary>Entries applied, genesis included; also the next entry's sequence number.</summary>
    public long Count { get; private set; }

    /// <summary>Hash of the last entry applied (zero before the genesis).</summary>
    public ContentHash Head { get; private set; } = EntryCodec.ZeroHash;

    /// <summary>The version an amendment of <paramref name="trialId"/> would get now.</summary>
    public int NextVersion(string trialId) => _trials.TryGetValue(trialId, out var trial) ? trial.Versions.Count + 1 : 1;

    /// <summary>Why <paramref name="account"/> may not do <paramref name="operation"/> now, or null if it may.</summary>
    public string? Check(string account, LedgerOperation operation)
    {
        if (operation is GenesisOperation) return Count == 0 ? null : RuleMessages.GenesisNotFirst;
        if (Count == 0) return "the first entry must be the genesis";
        switch (operation)
        {
            case RegisterTrialOperation register:
                return _trials.ContainsKey(register.TrialId) ? RuleMessages.AlreadyRegistered(register.TrialId) : null;
            case AmendOperation amend:
            {
                if (SponsorCheck(amend.TrialId, account, out var trial) is { } refused) return refused;
                int expected = trial!.Versions.Count + 1;
                return amend.Version == expected ? null : RuleMessages.WrongVersion(amend.TrialId, expected, amend.Version);
            }
            case RegisterSiteKeyOperation siteKey:
            {
                if (SponsorCheck(siteKey.TrialId, account, out var trial) is { } refused) return refused;
                if (siteKey.PublicKey.Length != 32) return RuleMessages.SiteKeyLength(siteKey.PublicKey.Length);
                return trial!.ActiveSiteKeys.ContainsKey(siteKey.SiteId) ? RuleMessages.SiteKeyActive(siteKey.SiteId, siteKey.TrialId) : null;
            }
            case RevokeSiteKeyOperation revoke:
            {
                if (SponsorCheck(revoke.TrialId, account, out var trial) is { } refused) return refused;
                return trial!.ActiveSiteKeys.ContainsKey(revoke.SiteId) ? null : RuleMessages.NoActiveSiteKey(revoke.SiteId, revoke.TrialId);
            }
            case AnchorOperation anchor:
                return CheckAnchor(account, anchor);
            default:
                return $"unknown operation {operation.Name}";
        }
    }

    private string? CheckAnchor(string account, AnchorOperation anchor)
    {
        if (!_trials.TryGetValue(anchor.TrialId, out var trial)) return RuleMessages.NotRegistered(anchor.TrialId);
        if (anchor.LeafCount < 1) return RuleMessages.LeafCountTooSmall;
        if (anchor.LeafCount > EntryCodec.MaxSafeInteger) return RuleMessages.LeafCountTooLarge;
        if (anchor.Root == EntryCodec.ZeroHash) return RuleMessages.ZeroRoot;

        bool sponsorKind = SponsorKinds.Contains(anchor.Kind);
        bool siteKind = SiteKinds.Contains(anchor.Kind);
        bool isSponsor = account == trial.Sponsor;
        bool isSite = trial.ActiveAnchorAccounts.ContainsKey(account);
        if ((sponsorKind && isSponsor) || (siteKind && isSite))
            return trial.AnchorsByRoot.ContainsKey(anchor.Root) ? RuleMessages.RootAlreadyAnchored(anchor.Root, anchor.TrialId) : null;
        if (!siteKind) return RuleMessages.SponsorOnlyKind(anchor.Kind);
        if (!sponsorKind && isSponsor) return RuleMessages.SiteOnlyKind(anchor.Kind);
        return RuleMessages.NotActiveSite(account, anchor.TrialId);
    }

    private string? SponsorCheck(string trialId, string account, out TrialState? trial)
    {
        if (!_trials.TryGetValue(trialId, out trial)) return RuleMessages.NotRegistered(trialId);
        return account == trial.Sponsor ? null : RuleMessages.NotSponsor(trialId);
    }

    /// <summary>Applies an operation that <see cref="Check"/> allowed, recorded as entry <paramref name="receipt"/>.</summary>
    public void Apply(string account, LedgerOperation operation, ContentHash hash, LedgerReceipt receipt)
    {
        switch (operation)
        {
            case GenesisOperation:
                break;
            case RegisterTrialOperation register:
            {
                var trial = new TrialState(account);
                trial.Versions.Add(new TrialVersion(1, register.ProtocolHash, register.SapHash, null, receipt));
                _trials.Add(register.TrialId, trial);
                break;
            }
            case AmendOperation amend:
                _trials[amend.TrialId].Versions.Add(new TrialVersion(amend.Version, amend.ProtocolHash, amend.SapHash, amend.ReasonHash, receipt));
                break;
            case RegisterSiteKeyOperation siteKey:
            {
                var trial = _trials[siteKey.TrialId];
                trial.ActiveSiteKeys[siteKey.SiteId] = trial.SiteKeys.Count;
                trial.SiteKeys.Add(new SiteKeyRecord(siteKey.SiteId, [.. siteKey.PublicKey], siteKey.AnchorAccount, receipt, null));
                trial.ActiveAnchorAccounts[siteKey.AnchorAccount] = trial.ActiveAnchorAccounts.GetValueOrDefault(siteKey.AnchorAccount) + 1;
                break;
            }
            case RevokeSiteKeyOperation revoke:
            {
                var trial = _trials[revoke.TrialId];
                int index = trial.ActiveSiteKeys[revoke.SiteId];
                trial.ActiveSiteKeys.Remove(revoke.SiteId);
                var record = trial.SiteKeys[index];
                trial.SiteKeys[index] = record with { Revoked = receipt };
                if (--trial.ActiveAnchorAccounts[record.AnchorAccount] == 0) trial.ActiveAnchorAccounts.Remove(record.AnchorAccount);
                break;
            }
            case AnchorOperation anchor:
            {
                var trial = _trials[anchor.TrialId];
                var record = new AnchorRecord(anchor.TrialId, anchor.Kind, anchor.Root, anchor.LeafCount, account, receipt);
                trial.Anchors.Add(record);
                trial.AnchorsByRoot.TryAdd(anchor.Root, record);
                break;
            }
            default:
                throw new InvalidOperationException($"unknown operation {operation.Name}");
        }
        Count = receipt.Block + 1;
        Head = hash;
    }

    /// <summary>A snapshot the caller may keep: copied lists and key bytes.</summary>
    public TrialRecord? GetTrial(string trialId) =>
        _trials.TryGetValue(trialId, out var trial)
            ? new TrialRecord(
                trialId,
                trial.Sponsor,
                [.. trial.Versions],
                trial.SiteKeys.Select(k => k with { PublicKey = [.. k.PublicKey] }).ToImmutableArray())
            : null;

    public IReadOnlyList<AnchorRecord> ListAnchors(string trialId) =>
        _trials.TryGetValue(trialId, out var trial) ? [.. trial.Anchors] : ImmutableArray<AnchorRecord>.Empty;

    public AnchorRecord? FindAnchor(string trialId, ContentHash root) =>
        _trials.TryGetValue(trialId, out var trial) ? trial.AnchorsByRoot.GetValueOrDefault(root) : null;
}
