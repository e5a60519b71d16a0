using ClinicalTrials.Ledger.Batching;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

public sealed class SealingTests
{
    [Fact]
    public async Task AFullBatchIsSealedAndAnchoredWhileTheNextFills()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), Clock());

        var tickets = Enumerable.Range(0, 250).Select(i => batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i))).ToList();

        long first = tickets[0].BatchId;
        Assert.Equal(
            Enumerable.Range(0, 250).Select(i => (first + i / 100, (long)(i % 100))),
            tickets.Select(t => (t.BatchId, t.LeafIndex)));
        await batcher.WhenAnchoredAsync(first).WaitAsync(Patience);
        await batcher.WhenAnchoredAsync(first + 1).WaitAsync(Patience);
        Assert.Equal(BatchState.Open, batcher.Batches.Single(b => b.BatchId == first + 2).State);
        Assert.Equal(new long[] { 100, 100 }, ledger.Anchors.Select(a => a.LeafCount));

        await batcher.FlushAsync().WaitAsync(Patience);
        Assert.Equal(new long[] { 100, 100, 50 }, ledger.Anchors.Select(a => a.LeafCount));
        AssertEachBatchAnchoredOnce(batcher, ledger);

        string batchDir = Path.Combine(dir.Path, "batches", first.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100 * 32, new FileInfo(Path.Combine(batchDir, "leaves.bin")).Length);
        Assert.Equal(100 * 64, new FileInfo(Path.Combine(batchDir, "commitments.bin")).Length);
        string manifest = File.ReadAllText(Path.Combine(batchDir, "manifest.json"));
        Assert.Contains("\"state\": \"anchored\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"leaf_count\": 100", manifest, StringComparison.Ordinal);
        var root = batcher.Batches.Single(b => b.BatchId == first).Root;
        Assert.Contains(ledger.Anchors.Single(a => a.Root == root).Receipt.TransactionId, manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchIsSealedWhenItsFirstEventIsMaxAgeOld()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var time = Clock();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000, maxAge: TimeSpan.FromSeconds(30)), time);

        var first = batcher.Add(Trial, AnchorKind.EnrollmentBatch, Event(0));
        time.Advance(TimeSpan.FromSeconds(20));
        for (int i = 1; i < 10; i++) batcher.Add(Trial, AnchorKind.EnrollmentBatch, Event(i));
        time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Equal(BatchState.Open, Assert.Single(batcher.Batches).State);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await batcher.WhenAnchoredAsync(first.BatchId).WaitAsync(Patience);
        var anchor = Assert.Single(ledger.Anchors);
        Assert.Equal(10, anchor.LeafCount);
        Assert.Equal(AnchorKind.EnrollmentBatch, anchor.Kind);

        var next = batcher.Add(Trial, AnchorKind.EnrollmentBatch, Event(10));
        Assert.Equal((first.BatchId + 1, 0L), (next.BatchId, next.LeafIndex));
        time.Advance(TimeSpan.FromSeconds(30));
        await batcher.WhenAnchoredAsync(next.BatchId).WaitAsync(Patience);
        Assert.Equal(new long[] { 10, 1 }, ledger.Anchors.Select(a => a.LeafCount));
        Assert.Equal(time.GetUtcNow(), batcher.Batches[^1].SealedAt);
    }

    [Fact]
    public async Task EachTrialAndKindHasItsOwnBatches()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), Clock());
        (string Trial, AnchorKind Kind)[] streams = [("HT-001", AnchorKind.ConsentBatch), ("HT-001", AnchorKind.EnrollmentBatch), ("DM-002", AnchorKind.ConsentBatch)];

        var tickets = new List<EventTicket>();
        for (int i = 0; i < 10; i++)
        {
            foreach (var (trial, kind) in streams) tickets.Add(batcher.Add(trial, kind, Event(i)));
        }
        await batcher.FlushAsync().WaitAsync(Patience);

        Assert.Equal(3, tickets.Select(t => t.BatchId).Distinct().Count());
        Assert.Equal(3, ledger.Anchors.Count);
        Assert.Equal(streams.Order(), ledger.Anchors.Select(a => (a.TrialId, a.Kind)).Order());
        Assert.All(ledger.Anchors, a => Assert.Equal(10, a.LeafCount));
        AssertEachBatchAnchoredOnce(batcher, ledger);
    }

    [Fact]
    public async Task BadArgumentsAndClosedBatchersAreRefused()
    {
        using var dir = new TempDirectory();
        var batcher = await AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 10), Clock());
        Assert.Throws<ArgumentException>(() => batcher.Add(" ", AnchorKind.ConsentBatch, Event(0)));
        Assert.Throws<ArgumentException>(() => batcher.Add(Trial, (AnchorKind)42, Event(0)));
        await batcher.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => batcher.Add(Trial, AnchorKind.ConsentBatch, Event(0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 0)));
    }
}
