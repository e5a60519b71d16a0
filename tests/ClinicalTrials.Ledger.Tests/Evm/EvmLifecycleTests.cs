using System.Globalization;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Evm;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

[Collection(AnvilCollection.Name)]
public sealed class EvmLifecycleTests(AnvilFixture anvil)
{
    [Fact]
    public async Task Ledger_names_its_chain_and_contract_and_acts_as_the_key_s_account()
    {
        var sponsor = await anvil.ConnectAsync(Sponsor);
        var site = await anvil.ConnectAsync(SiteA);

        Assert.Equal($"evm:31337/{anvil.ContractAddress}", sponsor.Name);
        Assert.Equal(sponsor.Name, site.Name);
        Assert.Equal(Addresses[Sponsor], sponsor.Account);
        Assert.Equal(Addresses[SiteA], site.Account);
        Assert.Equal(31337, (int)sponsor.ChainId);
        // The deployed code is the embedded artifact's runtime bytecode.
        var code = await anvil.RpcAsync("eth_getCode", anvil.ContractAddress, "latest");
        Assert.Equal(TrialRegistryArtifact.Load().DeployedBytecode, code.GetString());
    }

    [Fact]
    public async Task Full_lifecycle_reads_back_every_version_key_and_anchor_with_its_transaction_block_and_time()
    {
        const string trial = "LIFE-001";
        var sponsor = await anvil.ConnectAsync(Sponsor);
        var siteA = await anvil.ConnectAsync(SiteA);
        var siteB = await anvil.ConnectAsync(SiteB);

        var registered = await sponsor.RegisterTrialAsync(trial, TestHashes.Of("protocol v1"), TestHashes.Of("sap v1"));
        var amended2 = await sponsor.AmendAsync(trial, TestHashes.Of("protocol v2"), TestHashes.Of("sap v1"), TestHashes.Of("reason 2"));
        var amended3 = await sponsor.AmendAsync(trial, TestHashes.Of("protocol v2"), TestHashes.Of("sap v3"), TestHashes.Of("reason 3"));
        var keyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var keyB = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        var keyB2 = Enumerable.Range(201, 32).Select(i => (byte)(i % 256)).ToArray();
        var siteARegistered = await sponsor.RegisterSiteKeyAsync(trial, "S1", keyA, siteA.Account);
        var siteBRegistered = await sponsor.RegisterSiteKeyAsync(trial, "S2", keyB, siteB.Account);

        var anchors = new List<(AnchorKind Kind, ContentHash Root, long Leaves, string Anchorer, LedgerReceipt Receipt)>();
        foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch, AnchorKind.DataLock })
        {
            var root = TestHashes.Of($"site A {kind}");
            var leaves = 10 + (long)kind;
            anchors.Add((kind, root, leaves, siteA.Account, await siteA.AnchorAsync(trial, kind, root, leaves)));
        }

        var siteBRoot = TestHashes.Of("site B consents");
        anchors.Add((AnchorKind.ConsentBatch, siteBRoot, 7, siteB.Account, await siteB.AnchorAsync(trial, AnchorKind.ConsentBatch, siteBRoot, 7)));
        var revoked = await sponsor.RevokeSiteKeyAsync(trial, "S2");
        // A revoked site may be registered again with a new key; the old record stays, revoked.
        var siteBAgain = await sponsor.RegisterSiteKeyAsync(trial, "S2", keyB2, siteB.Account);

        foreach (var kind in new[] { AnchorKind.DataLock, AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle, AnchorKind.Unblinding })
        {
            var root = TestHashes.Of($"sponsor {kind}");
            anchors.Add((kind, root, 1, sponsor.Account, await sponsor.AnchorAsync(trial, kind, root, 1)));
        }

        // Every receipt names the ledger, a transaction and its block; blocks only go forward.
        var receipts = new[] { registered, amended2, amended3, siteARegistered, siteBRegistered }
            .Concat(anchors.Take(5).Select(a => a.Receipt))
            .Concat([revoked, siteBAgain])
            .Concat(anchors.Skip(5).Select(a => a.Receipt)).ToList();
        Assert.All(receipts, r => Assert.Equal(sponsor.Name, r.Ledger));
        Assert.All(receipts, r => Assert.Matches("^0x[0-9a-f]{64}$", r.TransactionId));
        Assert.Equal(receipts.Count, receipts.Select(r => r.TransactionId).Distinct().Count());
        Assert.True(receipts.Zip(receipts.Skip(1)).All(p => p.First.Block < p.Second.Block), "automine puts each transaction in a later block");
        foreach (var receipt in receipts) await AssertIsChainFact(receipt);

        var record = await sponsor.GetTrialAsync(trial);
        Assert.NotNull(record);
        Assert.Equal(trial, record.TrialId);
        Assert.Equal(sponsor.Account, record.Sponsor);
        Assert.Equal(
            [
                new TrialVersion(1, TestHashes.Of("protocol v1"), TestHashes.Of("sap v1"), null, registered),
                new TrialVersion(2, TestHashes.Of("protocol v2"), TestHashes.Of("sap v1"), TestHashes.Of("reason 2"), amended2),
                new TrialVersion(3, TestHashes.Of("protocol v2"), TestHashes.Of("sap v3"), TestHashes.Of("reason 3"), amended3),
            ],
            record.Versions);
        Assert.Equal(3, record.Current.Version);

        Assert.Equal(3, record.SiteKeys.Count);
        AssertKey(record.SiteKeys[0], "S1", keyA, siteA.Account, siteARegistered, null);
        AssertKey(record.SiteKeys[1], "S2", keyB, siteB.Account, siteBRegistered, revoked);
        AssertKey(record.SiteKeys[2], "S2", keyB2, siteB.Account, siteBAgain, null);
        Assert.False(record.SiteKeys[1].Active);
        Assert.True(record.SiteKeys[2].Active);

        var listed = await siteA.ListAnchorsAsync(trial);
        Assert.Equal(anchors.Select(a => new AnchorRecord(trial, a.Kind, a.Root, a.Leaves, a.Anchorer, a.Receipt)), listed);

        foreach (var a in anchors)
        {
            var found = await siteB.FindAnchorAsync(trial, a.Root);
            Assert.Equal(new AnchorRecord(trial, a.Kind, a.Root, a.Leaves, a.Anchorer, a.Receipt), found);
        }

        Assert.Null(await sponsor.FindAnchorAsync(trial, TestHashes.Of("never anchored")));
        Assert.Null(await sponsor.FindAnchorAsync("NO-SUCH-TRIAL", anchors[0].Root));
        Assert.Null(await sponsor.GetTrialAsync("NO-SUCH-TRIAL"));
        Assert.Empty(await sponsor.ListAnchorsAsync("NO-SUCH-TRIAL"));
    }

    [Fact]
    public async Task Trial_ids_are_utf8_strings_keyed_by_their_keccak()
    {
        const string trial = "ÉTUDE-Ω-001";
        var sponsor = await anvil.ConnectAsync(Sponsor);
        await sponsor.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s"));

        Assert.Equal(trial, (await sponsor.GetTrialAsync(trial))!.TrialId);
        Assert.Null(await sponsor.GetTrialAsync("ETUDE-Ω-001"));
    }

    private static void AssertKey(SiteKeyRecord key, string siteId, byte[] publicKey, string account, LedgerReceipt registered, LedgerReceipt? revoked)
    {
        Assert.Equal(siteId, key.SiteId);
        Assert.Equal(publicKey, key.PublicKey);
        Assert.Equal(account, key.AnchorAccount);
        Assert.Equal(registered, key.Registered);
        Assert.Equal(revoked, key.Revoked);
    }

    /// <summary>The receipt's transaction is on the chain, in that block, at that block's time.</summary>
    private async Task AssertIsChainFact(LedgerReceipt receipt)
    {
        var transaction = await anvil.RpcAsync("eth_getTransactionByHash", receipt.TransactionId);
        Assert.Equal(receipt.Block, ParseQuantity(transaction.GetProperty("blockNumber").GetString()!));
        var block = await anvil.RpcAsync("eth_getBlockByNumber", transaction.GetProperty("blockNumber").GetString(), false);
        Assert.Equal(receipt.Timestamp.ToUnixTimeSeconds(), ParseQuantity(block.GetProperty("timestamp").GetString()!));
    }

    internal static long ParseQuantity(string hex) => long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
