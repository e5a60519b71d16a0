using ClinicalTrials.Ledger.Batching;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

/// <summary>The anchor reached the ledger but its receipt was never saved: the batcher must find it, not anchor again.</summary>
public sealed class CrashWindowTests
{
    [Fact]
    public async Task AfterARestartTheLostReceiptIsFoundOnTheLedger()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { LoseNextReceipt = true };
        var time = Clock();
        var first = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), time);
        var tickets = Enumerable.Range(0, 100).Select(i => first.Add(Trial, AnchorKind.RandomizationCommitment, Event(i))).ToList();
        await WaitUntil(() => first.Batches[0].LastError is not null, "the lost answer");
        Assert.Equal(BatchState.Sealed, first.Batches[0].State);
        await first.DisposeAsync(); // "crash" before any retry: the manifest still says sealed
        Assert.Single(ledger.Anchors);
        Assert.Equal(1, ledger.AnchorCalls);

        int finds = ledger.FindCalls;
        await using var second = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 100), time);
        var receipt = await second.WhenAnchoredAsync(tickets[0].BatchId).WaitAsync(Patience);

        Assert.Equal(ledger.Anchors[0].Receipt, receipt);
        Assert.Equal(1, ledger.AnchorCalls);
        Assert.True(ledger.FindCalls > finds);
        AssertEachBatchAnchoredOnce(second, ledger);
        var proof = await second.GetProofAsync(tickets[42]);
        Assert.Equal(receipt, proof.Receipt);
        Assert.True(AnchorBatcher.VerifyEventProof(Event(42), proof));
    }

    [Fact]
    public async Task InTheSameRunTheRetryFindsTheAnchorInsteadOfSendingItAgain()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { LoseNextReceipt = true };
        var time = Clock();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 10), time);
        var ticket = batcher.Add(Trial, AnchorKind.DataLock, Event(0));
        await batcher.SealAllAsync().WaitAsync(Patience);

        await Pump(time, batcher.WhenAnchoredAsync(ticket.BatchId), TimeSpan.FromSeconds(1));
        Assert.Equal(1, ledger.AnchorCalls);
        Assert.True(ledger.FindCalls >= 2);
        AssertEachBatchAnchoredOnce(batcher, ledger);
    }
}
