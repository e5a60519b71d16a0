using ClinicalTrials.Core.Hashing;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>The brief's access rules, enforced by the contract, with its messages arriving as the rejection's reason.</summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmAccessRuleTests(AnvilFixture anvil)
{
    private static readonly byte[] Key = Enumerable.Repeat((byte)7, 32).ToArray();

    private async Task<(EvmLedgerSet Ledgers, string Trial)> TrialWithSitesAsync(string trial)
    {
        var ledgers = new EvmLedgerSet(
            await anvil.ConnectAsync(Sponsor), await anvil.ConnectAsync(SiteA), await anvil.ConnectAsync(SiteB), await anvil.ConnectAsync(Stranger));
        await ledgers.Sponsor.RegisterTrialAsync(trial, TestHashes.Of("protocol"), TestHashes.Of("sap"));
        await ledgers.Sponsor.RegisterSiteKeyAsync(trial, "S1", Key, ledgers.SiteA.Account);
        await ledgers.Sponsor.RegisterSiteKeyAsync(trial, "S2", Key, ledgers.SiteB.Account);
        return (ledgers, trial);
    }

    private static async Task<LedgerRejectedException> Rejected(Func<Task> action, string operation, string reason)
    {
        var e = await Assert.ThrowsAsync<LedgerRejectedException>(action);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(operation, e.Operation);
        Assert.Equal($"{operation} rejected: {reason}", e.Message);
        return e;
    }

    [Fact]
    public async Task A_trial_id_registers_once_and_the_first_caller_stays_sponsor()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-REG");

        await Rejected(() => l.Stranger.RegisterTrialAsync(trial, TestHashes.Of("x"), TestHashes.Of("y")),
            $"registerTrial({trial})", $"trial {trial} is already registered");
        await Rejected(() => l.Sponsor.RegisterTrialAsync(trial, TestHashes.Of("x"), TestHashes.Of("y")),
            $"registerTrial({trial})", $"trial {trial} is already registered");

        var record = await l.Stranger.GetTrialAsync(trial);
        Assert.Equal(l.Sponsor.Account, record!.Sponsor);
        Assert.Single(record.Versions);
        Assert.Equal(TestHashes.Of("protocol"), record.Current.ProtocolHash);
    }

    [Fact]
    public async Task Only_the_sponsor_amends_and_manages_site_keys()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-SPONSOR");
        var notSponsor = $"not the sponsor of trial {trial}";

        foreach (var other in new[] { l.Stranger, l.SiteA })
        {
            await Rejected(() => other.AmendAsync(trial, TestHashes.Of("p2"), TestHashes.Of("s2"), TestHashes.Of("r")), $"amend({trial})", notSponsor);
            await Rejected(() => other.RegisterSiteKeyAsync(trial, "S9", Key, other.Account), $"registerSiteKey({trial}, S9)", notSponsor);
            await Rejected(() => other.RevokeSiteKeyAsync(trial, "S1"), $"revokeSiteKey({trial}, S1)", notSponsor);
        }

        var record = await l.Sponsor.GetTrialAsync(trial);
        Assert.Single(record!.Versions);
        Assert.Equal(2, record.SiteKeys.Count);
        Assert.All(record.SiteKeys, k => Assert.True(k.Active));
    }

    [Fact]
    public async Task Sponsor_kinds_are_the_sponsor_s_and_site_kinds_are_the_active_sites()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-KINDS");
        var n = 0;
        ContentHash Root() => TestHashes.Of($"{trial} root {n++}");

        // Allowed: the sponsor's five kinds, a site's four (DataLock is both).
        foreach (var kind in new[] { AnchorKind.DataLock, AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle, AnchorKind.Unblinding })
        {
            await l.Sponsor.AnchorAsync(trial, kind, Root(), 1);
        }

        foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch, AnchorKind.DataLock })
        {
            await l.SiteA.AnchorAsync(trial, kind, Root(), 1);
        }

        // A site asking for a sponsor kind; the sponsor asking for a site kind.
        foreach (var kind in new[] { AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle, AnchorKind.Unblinding })
        {
            await Rejected(() => l.SiteA.AnchorAsync(trial, kind, Root(), 1), $"anchor({trial}, {kind})", $"kind {kind} may only be anchored by the sponsor");
        }

        foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch })
        {
            await Rejected(() => l.Sponsor.AnchorAsync(trial, kind, Root(), 1), $"anchor({trial}, {kind})", $"kind {kind} may only be anchored by a site");
        }

        // Anyone else: a sponsor kind is the sponsor's, for a site kind they are not a site.
        await Rejected(() => l.Stranger.AnchorAsync(trial, AnchorKind.Result, Root(), 1), $"anchor({trial}, Result)", "kind Result may only be anchored by the sponsor");
        foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.DataLock })
        {
            await Rejected(() => l.Stranger.AnchorAsync(trial, kind, Root(), 1), $"anchor({trial}, {kind})",
                $"account {l.Stranger.Account} is not an active site of trial {trial}");
        }

        // A site of one trial is nobody in another.
        await l.Stranger.RegisterTrialAsync(trial + "-OTHER", TestHashes.Of("p"), TestHashes.Of("s"));
        await Rejected(() => l.SiteA.AnchorAsync(trial + "-OTHER", AnchorKind.ConsentBatch, Root(), 1), $"anchor({trial}-OTHER, ConsentBatch)",
            $"account {l.SiteA.Account} is not an active site of trial {trial}-OTHER");

        Assert.Equal(9, (await l.Stranger.ListAnchorsAsync(trial)).Count);
    }

    [Fact]
    public async Task A_revoked_site_cannot_anchor_while_other_sites_still_can()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-REVOKE");
        await l.SiteB.AnchorAsync(trial, AnchorKind.ConsentBatch, TestHashes.Of("before revocation"), 3);

        await l.Sponsor.RevokeSiteKeyAsync(trial, "S2");

        foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch, AnchorKind.DataLock })
        {
            await Rejected(() => l.SiteB.AnchorAsync(trial, kind, TestHashes.Of($"after revocation {kind}"), 3), $"anchor({trial}, {kind})",
                $"account {l.SiteB.Account} is not an active site of trial {trial}");
        }

        await l.SiteA.AnchorAsync(trial, AnchorKind.ConsentBatch, TestHashes.Of("site A still anchors"), 3);
        await Rejected(() => l.Sponsor.RevokeSiteKeyAsync(trial, "S2"), $"revokeSiteKey({trial}, S2)", $"site S2 has no active key in trial {trial}");
        await Rejected(() => l.Sponsor.RevokeSiteKeyAsync(trial, "S7"), $"revokeSiteKey({trial}, S7)", $"site S7 has no active key in trial {trial}");
        // The anchor made before revocation stands.
        Assert.NotNull(await l.Sponsor.FindAnchorAsync(trial, TestHashes.Of("before revocation")));
    }

    [Fact]
    public async Task An_account_anchoring_for_two_sites_keeps_its_right_until_both_are_revoked()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-SHARED");
        await l.Sponsor.RegisterSiteKeyAsync(trial, "S3", Key, l.SiteA.Account);

        await l.Sponsor.RevokeSiteKeyAsync(trial, "S1");
        await l.SiteA.AnchorAsync(trial, AnchorKind.ConsentBatch, TestHashes.Of("for S3"), 1);
        await l.Sponsor.RevokeSiteKeyAsync(trial, "S3");

        await Rejected(() => l.SiteA.AnchorAsync(trial, AnchorKind.ConsentBatch, TestHashes.Of("for nobody"), 1), $"anchor({trial}, ConsentBatch)",
            $"account {l.SiteA.Account} is not an active site of trial {trial}");
    }

    [Fact]
    public async Task Arguments_the_contract_refuses_name_the_rule()
    {
        var (l, trial) = await TrialWithSitesAsync("ACCESS-ARGS");
        var root = TestHashes.Of("anchored once");
        await l.Sponsor.AnchorAsync(trial, AnchorKind.Result, root, 5);

        await Rejected(() => l.Sponsor.AnchorAsync(trial, AnchorKind.Bundle, root, 5), $"anchor({trial}, Bundle)",
            $"root 0x{root.ToHex()} is already anchored in trial {trial}");
        await Rejected(() => l.Sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("no leaves"), 0), $"anchor({trial}, Result)",
            "leafCount must be at least 1");
        await Rejected(() => l.Sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("negative"), -1), $"anchor({trial}, Result)",
            "leafCount must be at least 1");
        await Rejected(() => l.Sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("too many"), 9_007_199_254_740_992), $"anchor({trial}, Result)",
            "leafCount must be at most 9007199254740991");
        await Rejected(() => l.Sponsor.AnchorAsync(trial, AnchorKind.Result, new ContentHash(new byte[32]), 1), $"anchor({trial}, Result)",
            "root must not be zero");
        await Rejected(() => l.Sponsor.AnchorAsync(trial, (AnchorKind)9, TestHashes.Of("kind 9"), 1), $"anchor({trial}, 9)", "unknown anchor kind 9");
        await Rejected(() => l.Sponsor.AnchorAsync("NOT-REGISTERED", AnchorKind.Result, TestHashes.Of("x"), 1), "anchor(NOT-REGISTERED, Result)",
            "trial NOT-REGISTERED is not registered");
        await Rejected(() => l.Sponsor.AmendAsync("NOT-REGISTERED", TestHashes.Of("p"), TestHashes.Of("s"), TestHashes.Of("r")), "amend(NOT-REGISTERED)",
            "trial NOT-REGISTERED is not registered");
        await Rejected(() => l.Sponsor.RegisterTrialAsync("", TestHashes.Of("p"), TestHashes.Of("s")), "registerTrial()", "trial id must not be empty");
        await Rejected(() => l.Sponsor.RegisterSiteKeyAsync(trial, "S1", Key, l.SiteA.Account), $"registerSiteKey({trial}, S1)",
            $"site S1 already has an active key in trial {trial}");
        await Rejected(() => l.Sponsor.RegisterSiteKeyAsync(trial, "S5", new byte[32], l.SiteA.Account), $"registerSiteKey({trial}, S5)",
            "site public key must not be zero");
        await Rejected(() => l.Sponsor.RegisterSiteKeyAsync(trial, "S5", Key, "0x0000000000000000000000000000000000000000"), $"registerSiteKey({trial}, S5)",
            "site anchor account must not be the zero address");
        await Rejected(() => l.Sponsor.RegisterSiteKeyAsync(trial, "", Key, l.SiteA.Account), $"registerSiteKey({trial}, )", "site id must not be empty");
        await Rejected(() => l.Sponsor.RegisterSiteKeyAsync(trial, "S5", Key, "site-five"), $"registerSiteKey({trial}, S5)",
            "anchor account 'site-five' is not an EVM address");
        Assert.Throws<ArgumentException>(() => { _ = l.Sponsor.RegisterSiteKeyAsync(trial, "S5", new byte[31], l.SiteA.Account); });

        // Refusals use no nonce: the account's next transaction goes through.
        await l.Sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("after refusals"), 1);
    }
}
