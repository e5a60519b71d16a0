using System.Text.Json;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Embedded;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

public sealed class EmbeddedLedgerLifecycleTests
{
    [Fact]
    public async Task FullLifecycleIsRecordedAndReadBack()
    {
        using var h = new LedgerHarness();
        var sponsor = h.Sponsor;
        var registered = await sponsor.RegisterTrialAsync(Trial, Hash("protocol v1"), Hash("sap v1"));
        var amended = await sponsor.AmendAsync(Trial, Hash("protocol v2"), Hash("sap v1"), Hash("reason: dose"));
        var amended3 = await sponsor.AmendAsync(Trial, Hash("protocol v2"), Hash("sap v2"), Hash("reason: endpoint"));
        var site1 = await sponsor.RegisterSiteKeyAsync(Trial, "site-1", PublicKey("site-1"), "site:1");
        var site2 = await sponsor.RegisterSiteKeyAsync(Trial, "site-2", PublicKey("site-2"), "site:2");
        var consent = await h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("consents 1"), 12);
        var commitment = await h.As("site:2").AnchorAsync(Trial, AnchorKind.RandomizationCommitment, Hash("allocation 2"), 1);
        var lock1 = await h.As("site:1").AnchorAsync(Trial, AnchorKind.DataLock, Hash("lock 1"), 340);
        var revoked = await sponsor.RevokeSiteKeyAsync(Trial, "site-2");
        var sponsorLock = await sponsor.AnchorAsync(Trial, AnchorKind.DataLock, Hash("trial lock"), 2);
        var unblinding = await sponsor.AnchorAsync(Trial, AnchorKind.Unblinding, Hash("unblinding"), 1);
        var aggregates = await sponsor.AnchorAsync(Trial, AnchorKind.AggregateBatch, Hash("aggregates"), 4);
        var result = await sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("result"), 1);
        var bundle = await sponsor.AnchorAsync(Trial, AnchorKind.Bundle, Hash("bundle"), 1);

        // Receipts: the ledger's name, entry hash and sequence number (entry 0 is the genesis).
        LedgerReceipt[] receipts = [registered, amended, amended3, site1, site2, consent, commitment, lock1, revoked, sponsorLock, unblinding, aggregates, result, bundle];
        Assert.All(receipts, r => Assert.Equal("embedded:ledger.jsonl", r.Ledger));
        Assert.Equal(Enumerable.Range(1, receipts.Length).Select(i => (long)i), receipts.Select(r => r.Block));
        Assert.Equal(receipts.Length, receipts.Select(r => r.TransactionId).Distinct().Count());
        Assert.True(receipts.Zip(receipts.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
        Assert.Equal(receipts.Length + 1, h.Ledger.Count);

        var trial = await h.As("anyone").GetTrialAsync(Trial);
        Assert.NotNull(trial);
        Assert.Equal(Sponsor, trial.Sponsor);
        Assert.Equal([1, 2, 3], trial.Versions.Select(v => v.Version));
        Assert.Null(trial.Versions[0].ReasonHash);
        Assert.Equal(Hash("reason: dose"), trial.Versions[1].ReasonHash);
        Assert.Equal(Hash("sap v2"), trial.Current.SapHash);
        Assert.Equal(Hash("protocol v2"), trial.Current.ProtocolHash);
        Assert.Equal([registered, amended, amended3], trial.Versions.Select(v => v.Receipt));

        Assert.Equal(["site-1", "site-2"], trial.SiteKeys.Select(k => k.SiteId));
        Assert.Equal(PublicKey("site-1"), trial.SiteKeys[0].PublicKey);
        Assert.Equal("site:1", trial.SiteKeys[0].AnchorAccount);
        Assert.Equal(site1, trial.SiteKeys[0].Registered);
        Assert.True(trial.SiteKeys[0].Active);
        Assert.Equal(site2, trial.SiteKeys[1].Registered);
        Assert.Equal(revoked, trial.SiteKeys[1].Revoked);
        Assert.False(trial.SiteKeys[1].Active);

        var anchors = await sponsor.ListAnchorsAsync(Trial);
        Assert.Equal(
            [AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.DataLock, AnchorKind.DataLock, AnchorKind.Unblinding, AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle],
            anchors.Select(a => a.Kind));
        Assert.Equal(["site:1", "site:2", "site:1", Sponsor, Sponsor, Sponsor, Sponsor, Sponsor], anchors.Select(a => a.Anchorer));
        Assert.Equal(consent, anchors[0].Receipt);
        Assert.Equal(12, anchors[0].LeafCount);

        var found = await h.As("auditor").FindAnchorAsync(Trial, Hash("lock 1"));
        Assert.NotNull(found);
        Assert.Equal(new AnchorRecord(Trial, AnchorKind.DataLock, Hash("lock 1"), 340, "site:1", lock1), found);
        Assert.Null(await sponsor.FindAnchorAsync(Trial, Hash("never anchored")));
        Assert.Null(await sponsor.FindAnchorAsync("OTHER", Hash("lock 1")));
        Assert.Null(await sponsor.GetTrialAsync("OTHER"));
        Assert.Empty(await sponsor.ListAnchorsAsync("OTHER"));

        var report = h.Verify();
        Assert.True(report.IsValid, report.ToString());
        Assert.True(report.KeyTrusted);
        Assert.Equal(receipts.Length + 1, report.Entries);
        Assert.Equal(bundle.Block, report.HeadSequence);
        Assert.Equal(bundle.TransactionId, report.HeadHash!.Value.ToHex());
    }

    [Fact]
    public async Task EveryLineIsCanonicalAndItsHashIsTheCanonicalEntryWithoutHashAndSignature()
    {
        using var h = new LedgerHarness();
        var receipt = await h.Sponsor.RegisterTrialAsync(Trial, Hash("p"), Hash("s"));

        var lines = ReadLines(h.Path);
        Assert.Equal(2, lines.Count);
        foreach (string line in lines)
            Assert.Equal(line, CanonicalJson.ToCanonicalString(System.Text.Json.Nodes.JsonNode.Parse(line)));

        using var doc = JsonDocument.Parse(lines[1]);
        var root = doc.RootElement;
        var entry = root.GetProperty("entry");
        Assert.Equal(1, entry.GetProperty("seq").GetInt64());
        Assert.Equal(Sponsor, entry.GetProperty("account").GetString());
        Assert.Equal("register_trial", entry.GetProperty("op").GetString());
        Assert.Equal(Trial, entry.GetProperty("args").GetProperty("trial_id").GetString());
        Assert.Equal("2025-03-01T09:00:00.0020000Z", entry.GetProperty("time").GetString());
        Assert.Equal(ContentHash.Of(entry).ToString(), root.GetProperty("hash").GetString());
        Assert.Equal(receipt.TransactionId, ContentHash.Of(entry).ToHex());
        Assert.Equal(h.Key.KeyId, root.GetProperty("signature").GetProperty("key_id").GetString());
        Assert.Equal("Ed25519", root.GetProperty("signature").GetProperty("alg").GetString());

        using var genesis = JsonDocument.Parse(lines[0]);
        Assert.Equal(root.GetProperty("entry").GetProperty("prev").GetString(), genesis.RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public void GenesisLabelsTheFileALocalNotaryAndRecordsThePublicKey()
    {
        using var h = new LedgerHarness();
        string first = ReadLines(h.Path)[0];
        using var doc = JsonDocument.Parse(first);
        var entry = doc.RootElement.GetProperty("entry");
        var args = entry.GetProperty("args");

        Assert.Equal(0, entry.GetProperty("seq").GetInt64());
        Assert.Equal("genesis", entry.GetProperty("op").GetString());
        Assert.Equal("sha256:" + new string('0', 64), entry.GetProperty("prev").GetString());
        Assert.StartsWith("LOCAL NOTARY, NOT A BLOCKCHAIN", args.GetProperty("notice").GetString());
        Assert.Equal(EmbeddedLedger.Notice, args.GetProperty("notice").GetString());
        Assert.Equal(Convert.ToHexStringLower(h.Key.PublicKey.ToRawBytes()), args.GetProperty("public_key").GetString());
        Assert.Equal(h.Key.KeyId, args.GetProperty("key_id").GetString());
        Assert.Equal("embedded:ledger.jsonl", h.Ledger.Name);
        Assert.Equal("embedded:ledger.jsonl", h.Sponsor.Name);
        Assert.Equal(Sponsor, h.Sponsor.Account);
        Assert.Equal(1, h.Ledger.Count);
    }

    [Fact]
    public async Task ReadsAreSnapshotsTheCallerCannotChange()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        var first = await h.Sponsor.GetTrialAsync(Trial);
        first!.SiteKeys[0].PublicKey[0] ^= 0xff;

        var second = await h.Sponsor.GetTrialAsync(Trial);
        Assert.Equal(PublicKey("site-1"), second!.SiteKeys[0].PublicKey);
    }

    [Fact]
    public async Task ClosedLedgerRefusesUse()
    {
        using var h = new LedgerHarness();
        var sponsor = h.Sponsor;
        h.Close();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sponsor.RegisterTrialAsync(Trial, Hash("p"), Hash("s")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sponsor.GetTrialAsync(Trial));
    }

    [Fact]
    public async Task CancelledBeforeStartingRecordsNothing()
    {
        using var h = new LedgerHarness();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Sponsor.RegisterTrialAsync(Trial, Hash("p"), Hash("s"), cancelled.Token));
        Assert.Equal(1, h.Ledger.Count);
    }
}
