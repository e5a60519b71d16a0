using System.Text;
using ClinicalTrials.Ledger.Batching;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Ledger.Tests.Batching;

/// <summary>What the batcher tests share: events, options, and waiting without sleeping on fake time.</summary>
internal static class BatcherKit
{
    public const string Trial = "HT-001";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static byte[] Event(int seq, string type = "consent") =>
        Encoding.UTF8.GetBytes($"{{\"event\":\"{type}\",\"seq\":{seq},\"subject\":\"P{seq % 97:D3}\"}}");

    public static AnchorBatcherOptions Options(string directory, int maxEvents, TimeSpan? maxAge = null) => new()
    {
        Directory = directory,
        MaxEvents = maxEvents,
        MaxAge = maxAge ?? TimeSpan.FromHours(1),
        RetryMinDelay = TimeSpan.FromSeconds(1),
        RetryMaxDelay = TimeSpan.FromSeconds(8),
        WriteBufferSize = 4096,
    };

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Waits (in real time, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Advances fake time in steps until <paramref name="task"/> completes, so backoff waits elapse.</summary>
    public static async Task Pump(FakeTimeProvider time, Task task, TimeSpan step)
    {
        await PumpUntil(time, () => task.IsCompleted, step, "pumping fake time");
        await task;
    }

    /// <summary>
    /// Advances fake time in steps until <paramref name="condition"/> holds. A single advance can
    /// land before the batcher has registered its backoff timer, after which fake time would never
    /// move again; stepping until the effect is seen does not depend on that ordering.
    /// </summary>
    public static async Task PumpUntil(FakeTimeProvider time, Func<bool> condition, TimeSpan step, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up {what}");
            time.Advance(step);
            await Task.Delay(5);
        }
    }

    /// <summary>The ticket's proof, checked against the event.</summary>
    public static async Task<bool> ProofVerifies(AnchorBatcher batcher, EventTicket ticket, byte[] @event)
    {
        var proof = await batcher.GetProofAsync(ticket);
        return AnchorBatcher.VerifyEventProof(@event, proof);
    }

    /// <summary>Every anchored root appears once on the ledger, and the ledger holds nothing else.</summary>
    public static void AssertEachBatchAnchoredOnce(AnchorBatcher batcher, FakeAnchorLedger ledger)
    {
        var batches = batcher.Batches;
        Assert.All(batches, b => Assert.Equal(BatchState.Anchored, b.State));
        var anchors = ledger.Anchors;
        Assert.Equal(batches.Count, anchors.Count);
        foreach (var batch in batches)
        {
            var anchor = Assert.Single(anchors, a => a.Root == batch.Root);
            Assert.Equal(batch.TrialId, anchor.TrialId);
            Assert.Equal(batch.Kind, anchor.Kind);
            Assert.Equal(batch.LeafCount, anchor.LeafCount);
            Assert.Equal(anchor.Receipt, batch.Receipt);
        }
    }
}
