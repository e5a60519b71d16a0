using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger.Embedded;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

public sealed class EmbeddedLedgerPersistenceTests
{
    [Fact]
    public async Task ReopenedLedgerHasTheSameStateAndContinuesTheChain()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        await h.Sponsor.AmendAsync(Trial, Hash("p2"), Hash("s2"), Hash("why"));
        await h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("c1"), 10);
        await h.Sponsor.RevokeSiteKeyAsync(Trial, "site-1");
        var before = await h.Sponsor.GetTrialAsync(Trial);
        var anchorsBefore = await h.Sponsor.ListAnchorsAsync(Trial);
        var head = h.Ledger.Head;

        h.Reopen();

        Assert.Equal(6, h.Ledger.Count);
        Assert.Equal(head, h.Ledger.Head);
        Assert.True(h.Ledger.Verification.IsValid);
        AssertSameTrial(before!, (await h.Sponsor.GetTrialAsync(Trial))!);
        Assert.Equal(anchorsBefore, await h.Sponsor.ListAnchorsAsync(Trial));
        Assert.Equal(anchorsBefore[0], await h.Sponsor.FindAnchorAsync(Trial, Hash("c1")));

        var next = await h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 1);
        Assert.Equal(6, next.Block);
        // The replayed rules still hold: the revoked site cannot anchor, the version counter continued.
        await Assert.ThrowsAsync<LedgerRejectedException>(() => h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash("c2"), 1));
        await h.Sponsor.AmendAsync(Trial, Hash("p3"), Hash("s3"), Hash("why 3"));
        Assert.Equal(3, (await h.Sponsor.GetTrialAsync(Trial))!.Current.Version);
        h.Reopen();
        Assert.True(h.Verify().IsValid);
        Assert.Equal(8, h.Ledger.Count);
    }

    private static void AssertSameTrial(TrialRecord expected, TrialRecord actual)
    {
        Assert.Equal(expected.Sponsor, actual.Sponsor);
        Assert.Equal(expected.Versions, actual.Versions);
        Assert.Equal(expected.SiteKeys.Count, actual.SiteKeys.Count);
        foreach (var (e, a) in expected.SiteKeys.Zip(actual.SiteKeys))
        {
            Assert.Equal(e.PublicKey, a.PublicKey);
            Assert.Equal(e with { PublicKey = a.PublicKey }, a);
        }
    }

    [Fact]
    public async Task KeyFileIsCreatedOwnerOnlyBesideTheLedgerAndReusedOnReopen()
    {
        using var directory = new TempDirectory();
        string path = directory.File("trial.jsonl");
        string keyId;
        using (var ledger = EmbeddedLedger.Open(path, new SteppingClock()))
        {
            keyId = ledger.KeyId;
            await ledger.ForAccount(Sponsor).RegisterTrialAsync(Trial, Hash("p"), Hash("s"));
        }
        Assert.True(File.Exists(EmbeddedLedger.KeyPathFor(path)));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EmbeddedLedger.KeyPathFor(path)));
        var published = KeyFiles.ReadPublicKey(EmbeddedLedger.PublicKeyPathFor(path));
        Assert.Equal(keyId, published.KeyId);

        using (var ledger = EmbeddedLedger.Open(path, new SteppingClock()))
        {
            Assert.Equal(keyId, ledger.KeyId);
            Assert.Equal(2, ledger.Count);
        }
        var report = EmbeddedLedgerVerifier.Verify(path, published);
        Assert.True(report.IsValid, report.ToString());
        Assert.True(EmbeddedLedgerVerifier.Verify(path, keyId).KeyTrusted);
    }

    [Fact]
    public void ExistingLedgerWithoutItsKeyFileIsRefusedRatherThanGivenANewKey()
    {
        using var directory = new TempDirectory();
        string path = directory.File("trial.jsonl");
        EmbeddedLedger.Open(path, new SteppingClock()).Dispose();
        File.Move(EmbeddedLedger.KeyPathFor(path), directory.File("elsewhere.key"));

        var error = Assert.Throws<LedgerException>(() => EmbeddedLedger.Open(path, new SteppingClock()));
        Assert.Contains("key file", error.Message);
        Assert.Contains(EmbeddedLedger.KeyPathFor(path), error.Message);
    }

    [Fact]
    public void OpeningWithAnotherKeyIsRefused()
    {
        using var h = new LedgerHarness();
        h.Close();
        using var other = Key("someone else");
        var error = Assert.Throws<EmbeddedLedgerCorruptException>(() => EmbeddedLedger.Open(h.Path, other, new SteppingClock()));
        var problem = Assert.Single(error.Report.Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.ForeignKey, problem.Kind);
        Assert.Equal(1, problem.Line);
        Assert.Contains(other.KeyId, problem.Message);
        Assert.Contains(h.Key.KeyId, problem.Message);
    }

    [Fact]
    public void ASecondInstanceCannotOpenAnOpenLedger()
    {
        using var h = new LedgerHarness();
        var error = Assert.Throws<LedgerException>(() => EmbeddedLedger.Open(h.Path, h.Key, new SteppingClock()));
        Assert.Contains("already open", error.Message);
        h.Close();
        EmbeddedLedger.Open(h.Path, h.Key, new SteppingClock()).Dispose();
    }

    [Fact]
    public async Task ConcurrentAppendsFormOneContiguousVerifyingChain()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        await h.Sponsor.RegisterSiteKeyAsync(Trial, "site-2", PublicKey("site-2"), "site:2");
        long start = h.Ledger.Count;

        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 3) switch
        {
            0 => h.Sponsor.AnchorAsync(Trial, AnchorKind.AggregateBatch, Hash($"batch {i}"), i + 1),
            1 => h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash($"batch {i}"), i + 1),
            _ => h.As("site:2").AnchorAsync(Trial, AnchorKind.EnrollmentBatch, Hash($"batch {i}"), i + 1),
        })).ToArray();
        var receipts = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range((int)start, 200).Select(i => (long)i), receipts.Select(r => r.Block).Order());
        Assert.Equal(200, receipts.Select(r => r.TransactionId).Distinct().Count());
        var anchors = await h.Sponsor.ListAnchorsAsync(Trial);
        Assert.Equal(receipts.OrderBy(r => r.Block), anchors.Select(a => a.Receipt));
        for (int i = 0; i < 200; i++)
            Assert.Equal(receipts[i], (await h.Sponsor.FindAnchorAsync(Trial, Hash($"batch {i}")))!.Receipt);

        var report = h.Verify();
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(start + 200, report.Entries);
        h.Reopen();
        Assert.Equal(anchors, await h.Sponsor.ListAnchorsAsync(Trial));
    }

    [Fact]
    public async Task ConcurrentReadersSeeConsistentStateWhileWritersAppend()
    {
        using var h = new LedgerHarness(durable: false);
        await h.RegisterTrialWithSiteAsync();
        var writers = Enumerable.Range(0, 100).Select(i => Task.Run(() => h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash($"r{i}"), 1)));
        var readers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            var anchors = await h.Sponsor.ListAnchorsAsync(Trial);
            // Ledger order: sequence numbers strictly increase within any snapshot.
            Assert.True(anchors.Zip(anchors.Skip(1)).All(p => p.First.Receipt.Block < p.Second.Receipt.Block));
        }));
        await Task.WhenAll(writers.Concat(readers));
        Assert.Equal(100, (await h.Sponsor.ListAnchorsAsync(Trial)).Count);
    }

    [Fact]
    public async Task TruncatedLastLineIsRefusedNamedAndRepairedWithoutLosingItsBytes()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        await h.Sponsor.AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 1);
        h.Close();
        byte[] whole = File.ReadAllBytes(h.Path);
        int lastLineLength = whole.Length - 1 - Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2);
        // A crash mid-write: the last line stops partway.
        File.WriteAllBytes(h.Path, whole[..^(lastLineLength / 2)]);

        var error = Assert.Throws<EmbeddedLedgerCorruptException>(h.Open);
        var problem = Assert.Single(error.Report.Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.TruncatedLine, problem.Kind);
        Assert.Equal(4, problem.Line);
        Assert.Contains("line 4", error.Message);
        Assert.Contains(nameof(EmbeddedLedger.RepairTruncatedTail), error.Message);

        var repair = EmbeddedLedger.RepairTruncatedTail(h.Path);
        Assert.Equal(4, repair.Line);
        Assert.Equal(lastLineLength - lastLineLength / 2, repair.RemovedBytes);
        Assert.Equal(whole[(whole.Length - lastLineLength)..^(lastLineLength / 2)], File.ReadAllBytes(repair.SavedTo));

        using var reopened = h.Open();
        Assert.Equal(3, reopened.Count);
        var receipt = await reopened.ForAccount(Sponsor).AnchorAsync(Trial, AnchorKind.Result, Hash("r"), 1);
        Assert.Equal(3, receipt.Block);
    }

    [Fact]
    public async Task RepairRefusesACompleteLastLineAndAnyOtherDamage()
    {
        using var h = new LedgerHarness();
        await h.RegisterTrialWithSiteAsync();
        h.Close();
        Assert.Contains("nothing to repair", Assert.Throws<LedgerException>(() => EmbeddedLedger.RepairTruncatedTail(h.Path)).Message);

        var lines = ReadLines(h.Path);
        lines[1] = lines[1].Replace("HT-001", "HT-002", StringComparison.Ordinal);
        File.WriteAllText(h.Path, string.Join("\n", lines));
        var error = Assert.Throws<EmbeddedLedgerCorruptException>(() => EmbeddedLedger.RepairTruncatedTail(h.Path));
        Assert.Equal(EmbeddedLedgerProblemKind.HashMismatch, Assert.Single(error.Report.Problems).Kind);
        Assert.Equal(string.Join("\n", lines), File.ReadAllText(h.Path));
    }

    [Fact]
    public void AGenesisCutShortLeavesAnEmptyLedgerAfterRepair()
    {
        using var h = new LedgerHarness();
        h.Close();
        byte[] whole = File.ReadAllBytes(h.Path);
        File.WriteAllBytes(h.Path, whole[..40]);

        Assert.Equal(EmbeddedLedgerProblemKind.TruncatedLine, Assert.Single(Assert.Throws<EmbeddedLedgerCorruptException>(h.Open).Report.Problems).Kind);
        EmbeddedLedger.RepairTruncatedTail(h.Path);
        using var reopened = h.Open();
        Assert.Equal(1, reopened.Count);
    }
}
