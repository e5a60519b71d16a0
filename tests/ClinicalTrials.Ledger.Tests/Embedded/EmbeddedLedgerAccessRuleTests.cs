using ClinicalTrials.Ledger.Embedded;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

public sealed class EmbeddedLedgerAccessRuleTests
{
    private static async Task<LedgerRejectedException> Refused(LedgerHarness h, Func<Task> action, string operation, string reason)
    {
        long before = h.Ledger.Count;
        var refused = await Assert.ThrowsAsync<LedgerRejectedException>(action);
        Assert.Equal(operation, refused.Operation);
        Assert.Equal(reason, refused.Reason);
        Assert.Equal($"{operation} rejected: {reason}", refused.Message);
        Assert.Equal(before, h.Ledger.Count);
        return refused;
    }

    [Fact]
    public async Task AnyoneRegistersATrialAndBecomesItsSponsorOnce()
    {
        using var h = new LedgerHarness();
        await h.As("site:9").RegisterTrialAsync("OWN-1", Hash("p"), Hash("s"));
        Assert.Equal("site:9", (await h.Sponsor.GetTrialAsync("OWN-1"))!.Sponsor);

        await Refused(h, () => h.As("site:9").RegisterTrialAsync("OWN-1", Hash("p2"), Hash("s2")), "registerTrial(OWN-1)", "trial OWN-1 is already registered");
        await Refused(h, () => h.Sponsor.RegisterTrialAsync("OWN-1", Hash("p"), Hash("s")), "registerTrial(OWN-1)", "trial OWN-1 is already registered");
    }

    [Fact]
    public async Task OnlyTheSponsorAmends()
    {
        using var h = new LedgerHarness();
        await Refused(h, () => h.Sponsor.AmendAsync(Trial, Hash("p"), Hash("s"), Hash("r")), "amend(HT-001)", "trial HT-001 is not registered");
        await h.RegisterTrialWithSiteAsync();
        await Refused(h, () => h.As("site:1").AmendAsync(Trial, Hash("p"), Hash("s"), Hash("r")), "amend(HT-001)", "not the sponsor of trial HT-001");
        await Refused(h, () => h.As("sponsor:other").AmendAsync(Trial, Hash("p"), Hash("s"), Hash("r")), "amend(HT-001)", "not the sponsor of trial HT-001");

        await h.Sponsor.AmendAsync(Trial, Hash("p2"), Hash("s"), Hash("r"));
        Assert.Equal(2, (await h.Sponsor.GetTrialAsync(Trial))!.Current.Version);
    }

    [Fact]
    public async Task OnlyTheSponsorRegistersSiteKeysOneActiveKeyPerSite()
    {
        using var h = new LedgerHarness();
        const string Operation = "registerSiteKey(HT-001, site-2)";
        await Refused(h, () => h.Sponsor.RegisterSiteKeyAsync(Trial, "site-2", PublicKey("site-2"), "site:2"), Operation, "trial HT-001 is not registered");
        await h.RegisterTrialWithSiteAsync();
        await Refused(h, () => h.As("site:1").RegisterSiteKeyAsync(Trial, "site-2", PublicKey("site-2"), "site:2"), Operation, "not the sponsor of trial HT-001");
        await Refused(h, () => h.Sponsor.RegisterSiteKeyAsync(Trial, "site-2", new byte[31], "site:2"), Operation, "a site key is 32 bytes (Ed25519), got 31");
        await Refused(h, () => h.Sponsor.RegisterSiteKeyAsync(Trial, "site-1", PublicKey("site-1b"), "site:1"),
            "registerSiteKey(HT-001, site-1)", "site site-1 already has an active key in trial HT-001");
    }

    [Fact]
    public async Task OnlyTheSponsorRevokesAnActiveKeyAndASiteMayThenGetANewOne()
    {
        using var h = new LedgerHarness();
        const string Operation = "revokeSiteKey(HT-001, site-1)";
        await Refused(h, () => h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1"), Operation, "trial HT-001 is not registered");
        await h.RegisterTrialWithSiteAsync();
        await Refused(h, () => h.As("site:1").RevokeSiteKeyAsync(Trial, "site-1"), Operation, "not the sponsor of trial HT-001");
        await Refused(h, () => h.Sponsor.RevokeSiteKeyAsync(Trial, "site-7"), "revokeSiteKey(HT-001, site-7)", "site site-7 has no active key in trial HT-001");

        await h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1");
        await Refused(h, () => h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1"), Operation, "site site-1 has no active key in trial HT-001");
        await Refused(h, () => h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("c"), 1),
            "anchor(HT-001, ConsentBatch)", "account site:1 is not an active site of trial HT-001");

        await h.Sponsor.RegisterSiteKeyAsync(Trial, "site-1", PublicKey("site-1 rotated"), "site:1b");
        await h.As("site:1b").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("c"), 1);
        var keys = (await h.Sponsor.GetTrialAsync(Trial))!.SiteKeys;
        Assert.Equal([false, true], keys.Select(k => k.Active));
    }

    public static TheoryData<AnchorKind, string, string?> AnchorCases()
    {
        var cases = new TheoryData<AnchorKind, string, string?>();
        foreach (var kind in Enum.GetValues<AnchorKind>())
        {
            bool sponsorKind = kind is AnchorKind.DataLock or AnchorKind.AggregateBatch or AnchorKind.Result or AnchorKind.Bundle or AnchorKind.Unblinding;
            bool siteKind = kind is AnchorKind.ConsentBatch or AnchorKind.RandomizationCommitment or AnchorKind.EnrollmentBatch or AnchorKind.DataLock;
            string sponsorOnly = $"kind {kind} may only be anchored by the sponsor";
            cases.Add(kind, Sponsor, sponsorKind ? null : $"kind {kind} may only be anchored by a site");
            cases.Add(kind, "site:1", siteKind ? null : sponsorOnly);
            cases.Add(kind, "site:revoked", siteKind ? "account site:revoked is not an active site of trial HT-001" : sponsorOnly);
            cases.Add(kind, "site:other-trial", siteKind ? "account site:other-trial is not an active site of trial HT-001" : sponsorOnly);
            cases.Add(kind, "stranger", siteKind ? "account stranger is not an active site of trial HT-001" : sponsorOnly);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(AnchorCases))]
    public async Task AnchorRightsFollowKindAndRole(AnchorKind kind, string account, string? refusal)
    {
        using var h = new LedgerHarness(durable: false);
        await h.RegisterTrialWithSiteAsync();
        await h.Sponsor.RegisterSiteKeyAsync(Trial, "site-r", PublicKey("site-r"), "site:revoked");
        await h.Sponsor.RevokeSiteKeyAsync(Trial, "site-r");
        await h.As("sponsor:other").RegisterTrialAsync("OTHER-1", Hash("p"), Hash("s"));
        await h.As("sponsor:other").RegisterSiteKeyAsync("OTHER-1", "site-o", PublicKey("site-o"), "site:other-trial");

        Task Anchor() => h.As(account).AnchorAsync(Trial, kind, Hash($"{kind} by {account}"), 5);
        if (refusal is null)
        {
            await Anchor();
            var anchor = await h.Sponsor.FindAnchorAsync(Trial, Hash($"{kind} by {account}"));
            Assert.Equal(account, anchor!.Anchorer);
        }
        else
        {
            await Refused(h, Anchor, $"anchor(HT-001, {kind})", refusal);
        }
    }

    [Fact]
    public async Task AnchorNeedsARegisteredTrialALeafAndANonZeroRoot()
    {
        using var h = new LedgerHarness();
        await Refused(h, () => h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 1), "anchor(HT-001, Result)", "trial HT-001 is not registered");
        await h.RegisterTrialWithSiteAsync();
        await Refused(h, () => h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 0), "anchor(HT-001, Result)", "leafCount must be at least 1");
        await Refused(h, () => h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("r"), -3), "anchor(HT-001, ConsentBatch)", "leafCount must be at least 1");
        await Refused(h, () => h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, new Core.Hashing.ContentHash(new byte[32]), 1), "anchor(HT-001, Result)", "root must not be zero");
        await Refused(h, () => h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 1L << 53), "anchor(HT-001, Result)", "leafCount must be at most 9007199254740991");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Sponsor.AnchorAsync(Trial, (AnchorKind)42, Hash("r"), 1));
    }

    [Fact]
    public async Task TwoSitesSharingAnAnchorAccountKeepItUntilBothAreRevoked()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        await h.Sponsor.RegisterSiteKeyAsync(Trial, "site-1b", PublicKey("site-1b"), "site:1");
        await h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1");
        await h.As("site:1").AnchorAsync(Trial, AnchorKind.EnrollmentBatch, Hash("e"), 3);
        await h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1b");
        await Refused(h, () => h.As("site:1").AnchorAsync(Trial, AnchorKind.EnrollmentBatch, Hash("e2"), 3),
            "anchor(HT-001, EnrollmentBatch)", "account site:1 is not an active site of trial HT-001");
    }

    [Fact]
    public async Task BlankArgumentsAreProgrammingErrorsNotEntries()
    {
        using var h = new LedgerHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sponsor.RegisterTrialAsync(" ", Hash("p"), Hash("s")));
        await h.RegisterTrialWithSiteAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sponsor.RegisterSiteKeyAsync(Trial, "", PublicKey("x"), "site:x"));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sponsor.RegisterSiteKeyAsync(Trial, "site-x", PublicKey("x"), ""));
        Assert.Throws<ArgumentException>(() => h.Ledger.ForAccount(""));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sponsor.RegisterTrialAsync("bad\ud800id", Hash("p"), Hash("s")));
        Assert.True(h.Verify().IsValid);
    }

    [Fact]
    public async Task A_root_is_anchored_once_per_trial_as_on_chain()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        var root = Hash("batch");
        await h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, root, 10);
        await Refused(h, () => h.Sponsor.AnchorAsync(Trial, AnchorKind.AggregateBatch, root, 10), "anchor(HT-001, AggregateBatch)",
            $"root 0x{root.ToHex()} is already anchored in trial HT-001");
        Assert.Single(await h.Sponsor.ListAnchorsAsync(Trial));
    }
}
