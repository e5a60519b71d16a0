using ClinicalTrials.Ledger.Batching;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

public sealed class OutageTests
{
    [Fact]
    public async Task WhileTheLedgerIsDownEventsAreAcceptedAndBatchesQueueThenEachIsAnchoredOnce()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { Down = true };
        var time = Clock();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), time);

        var tickets = Enumerable.Range(0, 300).Select(i => batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i))).ToList();
        await batcher.SealAllAsync().WaitAsync(Patience);
        await WaitUntil(() => batcher.Batches.Any(b => b.LastError is not null), "a failed anchoring attempt");

        // Backoff, not a busy loop: without time passing there is no second attempt.
        int attempts = ledger.FindCalls;
        await Task.Delay(200);
        Assert.Equal(attempts, ledger.FindCalls);

        // Still accepting; more batches queue.
        tickets.AddRange(Enumerable.Range(300, 150).Select(i => batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i))));
        await batcher.SealAllAsync().WaitAsync(Patience);
        await PumpUntil(time, () => ledger.FindCalls > attempts, TimeSpan.FromSeconds(8), "waiting for a retry after the backoff");

        Assert.Empty(ledger.Anchors);
        Assert.Equal(0, ledger.AnchorCalls);
        Assert.Equal(5, batcher.Batches.Count);
        Assert.All(batcher.Batches, b => Assert.Equal(BatchState.Sealed, b.State));
        foreach (var batch in batcher.Batches)
        {
            string manifest = File.ReadAllText(Path.Combine(dir.Path, "batches", batch.BatchId.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), "manifest.json"));
            Assert.Contains("\"state\": \"sealed\"", manifest, StringComparison.Ordinal);
        }
        Assert.Contains("fake ledger is down", batcher.Batches[0].LastError, StringComparison.Ordinal);

        ledger.Down = false;
        await Pump(time, batcher.FlushAsync(), TimeSpan.FromSeconds(1));

        AssertEachBatchAnchoredOnce(batcher, ledger);
        Assert.Equal(5, ledger.AnchorCalls);
        Assert.Equal(new long[] { 100, 100, 100, 100, 50 }, ledger.Anchors.Select(a => a.LeafCount));
        Assert.All(batcher.Batches, b => Assert.Null(b.LastError));
        for (int i = 0; i < tickets.Count; i += 7)
            Assert.True(await ProofVerifies(batcher, tickets[i], Event(i)));
    }

    [Fact]
    public async Task RetryNowEndsTheBackoffWait()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { Down = true };
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), Clock());
        var ticket = batcher.Add(Trial, AnchorKind.ConsentBatch, Event(0));
        await batcher.SealAllAsync().WaitAsync(Patience);
        await WaitUntil(() => batcher.Batches[0].LastError is not null, "a failed anchoring attempt");

        ledger.Down = false;
        batcher.RetryNow();
        var receipt = await batcher.WhenAnchoredAsync(ticket.BatchId).WaitAsync(Patience);
        Assert.Equal(Assert.Single(ledger.Anchors).Receipt, receipt);
    }

    [Fact]
    public async Task StoppingDuringAnOutageEndsTheWaitsAndKeepsTheQueue()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { Down = true };
        var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), Clock());
        for (int i = 0; i < 20; i++) batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i));
        var flush = batcher.FlushAsync();
        await WaitUntil(() => batcher.Batches.Count(b => b.State == BatchState.Sealed) == 2, "both batches sealed");

        await batcher.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush.WaitAsync(Patience));

        ledger.Down = false;
        await using var again = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), Clock());
        await again.FlushAsync().WaitAsync(Patience);
        AssertEachBatchAnchoredOnce(again, ledger);
        Assert.Equal(2, ledger.AnchorCalls);
    }

    [Fact]
    public async Task ABatchTheLedgerRefusesWaitsWithoutHoldingUpTheOthers()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { RefuseTrial = "BAD-001" };
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), Clock());
        var refused = batcher.Add("BAD-001", AnchorKind.ConsentBatch, Event(0));
        var accepted = batcher.Add(Trial, AnchorKind.ConsentBatch, Event(0));
        await batcher.SealAllAsync().WaitAsync(Patience);

        await batcher.WhenAnchoredAsync(accepted.BatchId).WaitAsync(Patience);
        await WaitUntil(() => batcher.Batches.Single(b => b.BatchId == refused.BatchId).LastError is not null, "the refusal");
        var batch = batcher.Batches.Single(b => b.BatchId == refused.BatchId);
        Assert.Equal(BatchState.Sealed, batch.State);
        Assert.Contains("is not an active site of trial BAD-001", batch.LastError, StringComparison.Ordinal);
        Assert.Equal(Trial, Assert.Single(ledger.Anchors).TrialId);
    }
}
