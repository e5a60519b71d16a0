using ClinicalTrials.Ledger.Batching;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ManyProducersGetContiguousLeafIndexesAndEachBatchIsAnchoredOnce()
    {
        const int Producers = 8, PerProducer = 5_000, MaxEvents = 1_000;
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, MaxEvents) with { WriteBufferSize = 1 << 16 }, Clock());

        // Six producers share one stream; two write to another trial at the same time.
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            string trial = p < 6 ? Trial : "DM-002";
            var tickets = new (EventTicket Ticket, int Seq)[PerProducer];
            for (int i = 0; i < PerProducer; i++)
            {
                int seq = p * PerProducer + i;
                tickets[i] = (batcher.Add(trial, AnchorKind.ConsentBatch, Event(seq)), seq);
            }
            return tickets;
        })).ToArray();
        var all = (await Task.WhenAll(producers).WaitAsync(Patience)).SelectMany(t => t).ToList();
        await batcher.FlushAsync().WaitAsync(Patience);

        var batches = batcher.Batches.ToDictionary(b => b.BatchId);
        foreach (var group in all.GroupBy(t => t.Ticket.BatchId))
        {
            var indexes = group.Select(t => t.Ticket.LeafIndex).Order().ToList();
            Assert.Equal(Enumerable.Range(0, indexes.Count).Select(i => (long)i), indexes);
            Assert.Equal(batches[group.Key].LeafCount, indexes.Count);
        }
        Assert.Equal(Producers * PerProducer / MaxEvents, batches.Count);
        Assert.All(batches.Values, b => Assert.Equal(MaxEvents, b.LeafCount));
        AssertEachBatchAnchoredOnce(batcher, ledger);
        Assert.Equal(batches.Count, ledger.AnchorCalls);

        foreach (var (ticket, seq) in all.Where(t => t.Seq % 97 == 0))
            Assert.True(await ProofVerifies(batcher, ticket, Event(seq)), $"event {seq}");
    }
}
