using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Ledger.Batching;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ClinicalTrials.Ledger.Tests.Batching.BatcherKit;

namespace ClinicalTrials.Ledger.Tests.Batching;

public sealed class ProofTests
{
    [Fact]
    public async Task EveryEventsProofVerifiesAgainstItsAnchoredRoot()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 37), Clock());
        var added = new List<(EventTicket Ticket, byte[] Event)>();
        for (int i = 0; i < 200; i++)
        {
            foreach (var kind in new[] { AnchorKind.ConsentBatch, AnchorKind.DataLock })
            {
                byte[] @event = Event(i, kind.ToString());
                added.Add((batcher.Add(Trial, kind, @event), @event));
            }
        }
        await batcher.FlushAsync().WaitAsync(Patience);

        foreach (var (ticket, @event) in added)
        {
            var proof = await batcher.GetProofAsync(ticket);
            Assert.True(AnchorBatcher.VerifyEventProof(@event, proof), $"{ticket}");
            Assert.Equal((ticket.BatchId, ticket.LeafIndex), (proof.BatchId, proof.LeafIndex));

            // The root is the anchored one, and the receipt is the ledger's.
            var anchor = await ledger.FindAnchorAsync(proof.TrialId, new ContentHash(proof.Root.ToArray()));
            Assert.NotNull(anchor);
            Assert.Equal((proof.Kind, proof.LeafCount, anchor.Receipt), (anchor.Kind, anchor.LeafCount, proof.Receipt));

            // The stored nonce and event hash re-show the commitment without the event.
            var leaf = new byte[32];
            EventCommitment.ComputeLeafHashFromEventHash(Convert.FromHexString(proof.Nonce), proof.EventHash.ToArray(), leaf);
            Assert.Equal(proof.LeafHash, new NodeHash(leaf));
            Assert.True(MerkleVerifier.VerifyInclusion(InclusionProof.FromJson(proof.InclusionProof), proof.Root));
        }
    }

    [Fact]
    public async Task AlteredEventsAndProofsDoNotVerify()
    {
        using var dir = new TempDirectory();
        await using var batcher = await AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 1000), Clock());
        for (int i = 0; i < 20; i++) batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i));
        var ticket = batcher.Add(Trial, AnchorKind.ConsentBatch, Event(20));
        for (int i = 21; i < 33; i++) batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i));
        await batcher.FlushAsync().WaitAsync(Patience);
        var proof = await batcher.GetProofAsync(ticket);
        var other = await batcher.GetProofAsync(ticket with { LeafIndex = 3 });
        byte[] @event = Event(20);

        Assert.True(AnchorBatcher.VerifyEventProof(@event, proof));
        Assert.False(AnchorBatcher.VerifyEventProof(Event(21), proof));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, other));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { Nonce = other.Nonce }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { Nonce = "zz" + proof.Nonce[2..] }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { EventHash = other.EventHash }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { LeafHash = other.LeafHash }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { LeafIndex = 21 }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { LeafCount = 34 }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { Root = other.LeafHash }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { InclusionProof = other.InclusionProof }));
        Assert.False(AnchorBatcher.VerifyEventProof(@event, proof with { InclusionProof = "{}" }));
    }

    [Fact]
    public async Task AJsonEventIsCommittedInItsCanonicalForm()
    {
        using var dir = new TempDirectory();
        await using var batcher = await AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 10), Clock());
        var consent = new JsonObject { ["subject"] = "P001", ["event"] = "consent", ["version"] = 2 };
        var ticket = batcher.Add(Trial, AnchorKind.ConsentBatch, consent);
        await batcher.FlushAsync().WaitAsync(Patience);

        var proof = await batcher.GetProofAsync(ticket);
        Assert.True(AnchorBatcher.VerifyEventProof("{\"event\":\"consent\",\"subject\":\"P001\",\"version\":2}"u8, proof));
        Assert.Equal(ContentHash.Of(consent), proof.EventHash);
        Assert.Equal(CanonicalJson.Canonicalize(consent), "{\"event\":\"consent\",\"subject\":\"P001\",\"version\":2}"u8.ToArray());
    }

    private static readonly Arbitrary<(int Events, int MaxEvents)> Shapes =
        Gen.Choose(1, 150).SelectMany(_ => Gen.Choose(1, 40), (events, max) => (events, max)).ToArbitrary();

    [Property(MaxTest = 20)]
    public Property ProofsVerifyForAnyBatchSizeAndEventCount() => Prop.ForAll(Shapes, shape =>
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger();
        var batcher = AnchorBatcher.OpenAsync(ledger, Options(dir.Path, shape.MaxEvents), Clock()).GetAwaiter().GetResult();
        try
        {
            var tickets = Enumerable.Range(0, shape.Events).Select(i => batcher.Add(Trial, AnchorKind.AggregateBatch, Event(i))).ToList();
            batcher.FlushAsync().WaitAsync(Patience).GetAwaiter().GetResult();
            Assert.Equal((shape.Events + shape.MaxEvents - 1) / shape.MaxEvents, ledger.Anchors.Count);
            for (int i = 0; i < tickets.Count; i++)
                Assert.True(AnchorBatcher.VerifyEventProof(Event(i), batcher.GetProofAsync(tickets[i]).GetAwaiter().GetResult()), $"event {i} of {shape}");
            AssertEachBatchAnchoredOnce(batcher, ledger);
        }
        finally
        {
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return true;
    });

    [Fact]
    public async Task AProofNeedsNoLedgerButAnOpenBatchHasNoProof()
    {
        using var dir = new TempDirectory();
        var ledger = new FakeAnchorLedger { Down = true };
        await using var batcher = await AnchorBatcher.OpenAsync(ledger, Options(dir.Path, maxEvents: 1000), Clock());
        var ticket = batcher.Add(Trial, AnchorKind.ConsentBatch, Event(0));
        batcher.Add(Trial, AnchorKind.ConsentBatch, Event(1));

        var open = await Assert.ThrowsAsync<BatchingException>(() => batcher.GetProofAsync(ticket));
        Assert.Contains("still open", open.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<BatchingException>(() => batcher.GetProofAsync(new EventTicket(999, 0)));
        Assert.Contains("no batch 999", unknown.Message, StringComparison.Ordinal);

        await batcher.SealAllAsync().WaitAsync(Patience);
        var proof = await batcher.GetProofAsync(ticket);
        Assert.Null(proof.Receipt);
        Assert.True(AnchorBatcher.VerifyEventProof(Event(0), proof));
        var beyond = await Assert.ThrowsAsync<BatchingException>(() => batcher.GetProofAsync(ticket with { LeafIndex = 2 }));
        Assert.Contains("holds 2 events", beyond.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADamagedLeafFileIsReportedNotProvedFrom()
    {
        using var dir = new TempDirectory();
        await using var batcher = await AnchorBatcher.OpenAsync(new FakeAnchorLedger(), Options(dir.Path, maxEvents: 8), Clock());
        var tickets = Enumerable.Range(0, 8).Select(i => batcher.Add(Trial, AnchorKind.ConsentBatch, Event(i))).ToList();
        await batcher.FlushAsync().WaitAsync(Patience);
        string leaves = Path.Combine(dir.Path, "batches", tickets[0].BatchId.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), "leaves.bin");
        byte[] bytes = await File.ReadAllBytesAsync(leaves);
        bytes[5 * 32] ^= 1;
        await File.WriteAllBytesAsync(leaves, bytes);

        var error = await Assert.ThrowsAsync<BatchingException>(() => batcher.GetProofAsync(tickets[0]));
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }
}
