using System.Globalization;
using ClinicalTrials.Ledger.Batching;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

public sealed class RestartTests
{
    [Fact]
    public async Task ARestartLosesNoEventAndAnchorsNoBatchTwice()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var time = Clock();
        var tickets = new List<EventTicket>();

        // Run 1: batch 1 anchored, batch 2 sealed while the ledger is down, batch 3 open at the stop.
        var first = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), time);
        tickets.AddRange(Enumerable.Range(0, 100).Select(i => first.Add(Trial, AnchorKind.ConsentBatch, Event(i))));
        await first.WhenAnchoredAsync(tickets[0].BatchId).WaitAsync(Patience);
        ledger.Down = true;
        tickets.AddRange(Enumerable.Range(100, 150).Select(i => first.Add(Trial, AnchorKind.ConsentBatch, Event(i))));
        await WaitUntil(() => first.Batches.Count(b => b.State == BatchState.Sealed) == 1, "batch 2 sealed");
        Assert.Equal(new[] { BatchState.Anchored, BatchState.Sealed, BatchState.Open }, first.Batches.Select(b => b.State));
        await first.DisposeAsync();
        Assert.Equal(1, ledger.AnchorCalls);

        // Run 2: the open batch is re-sealed with all its events, the queue is anchored once each.
        ledger.Down = false;
        await using var second = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), time);
        Assert.Equal(new[] { BatchState.Anchored, BatchState.Sealed, BatchState.Sealed }, second.Batches.Select(b => b.State));
        Assert.Equal(new long[] { 100, 100, 50 }, second.Batches.Select(b => b.LeafCount));
        await second.FlushAsync().WaitAsync(Patience);

        AssertEachBatchAnchoredOnce(second, ledger);
        Assert.Equal(3, ledger.AnchorCalls);
        for (int i = 0; i < tickets.Count; i++)
            Assert.True(await ProofVerifies(second, tickets[i], Event(i)), $"event {i}");

        // Batch ids keep increasing across runs.
        var next = second.Add(Trial, AnchorKind.ConsentBatch, Event(250));
        Assert.Equal(tickets[^1].BatchId + 1, next.BatchId);
    }

    [Fact]
    public async Task ACrashMidWriteKeepsTheCompleteEventsAndCutsTheTornOne()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var first = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        var tickets = Enumerable.Range(0, 20).Select(i => first.Add(Trial, AnchorKind.ConsentBatch, Event(i))).ToList();
        await first.DisposeAsync();

        // The 20th leaf hash only half reached the disk.
        string leaves = Path.Combine(dir.Path, "batches", tickets[0].BatchId.ToString("D12", CultureInfo.InvariantCulture), "leaves.bin");
        using (var file = new FileStream(leaves, FileMode.Open)) file.SetLength(19 * 32 + 16);

        await using var second = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        await second.FlushAsync().WaitAsync(Patience);
        Assert.Equal(19, Assert.Single(ledger.Anchors).LeafCount);
        for (int i = 0; i < 19; i++)
            Assert.True(await ProofVerifies(second, tickets[i], Event(i)));
        var lost = await Assert.ThrowsAsync<BatchingException>(() => second.GetProofAsync(tickets[19]));
        Assert.Contains("lost", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageTheDiskNeverGotEndsTheKeptEventsThere()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var first = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        var tickets = Enumerable.Range(0, 300).Select(i => first.Add(Trial, AnchorKind.ConsentBatch, Event(i))).ToList();
        await first.DisposeAsync();

        // Events 128..255's commitments read back as zeros (a page lost in a power cut), the rest is there.
        string commitments = Path.Combine(dir.Path, "batches", tickets[0].BatchId.ToString("D12", CultureInfo.InvariantCulture), "commitments.bin");
        byte[] bytes = await File.ReadAllBytesAsync(commitments);
        Array.Clear(bytes, 128 * 64, 128 * 64);
        await File.WriteAllBytesAsync(commitments, bytes);

        await using var second = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        await second.FlushAsync().WaitAsync(Patience);
        Assert.Equal(128, Assert.Single(ledger.Anchors).LeafCount);
        Assert.True(await ProofVerifies(second, tickets[127], Event(127)));
        await Assert.ThrowsAsync<BatchingException>(() => second.GetProofAsync(tickets[128]));
    }

    [Fact]
    public async Task AnOpenBatchWithNoEventOnDiskIsDroppedOnRestart()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var first = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        var ticket = first.Add(Trial, AnchorKind.ConsentBatch, Event(0));
        await first.DisposeAsync();
        string batch = Path.Combine(dir.Path, "batches", ticket.BatchId.ToString("D12", CultureInfo.InvariantCulture));
        File.Delete(Path.Combine(batch, "leaves.bin"));

        await using var second = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        Assert.Empty(second.Batches);
        Assert.False(Directory.Exists(batch));
        await second.FlushAsync().WaitAsync(Patience);
        Assert.Equal(0, ledger.AnchorCalls);
    }

    [Fact]
    public async Task OneDirectoryServesOneBatcherAtATime()
    {
        using var dir = new TempDirectory();
        await using var first = await AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 10), Clock());
        var error = await Assert.ThrowsAsync<BatchingException>(() => AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 10), Clock()));
        Assert.Contains("another batcher", error.Message, StringComparison.Ordinal);
    }
}
