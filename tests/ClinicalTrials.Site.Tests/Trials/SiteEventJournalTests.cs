using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Site.Tests.Trials;

public sealed class SiteEventJournalTests
{
    /// <summary>An event log whose batches can "lose" events, as a crash before they reached the disk would.</summary>
    private sealed class LossyLog : ISiteEventLog
    {
        private long _next;
        public HashSet<EventTicket> Lost { get; } = [];
        public List<LoggedEvent> Added { get; } = [];
        public LedgerReceipt Receipt { get; } = new("fake", "tx", 1, DateTimeOffset.UnixEpoch);

        public LoggedEvent Add(string trialId, AnchorKind kind, JsonNode @event)
        {
            var canonical = Core.Canonical.CanonicalJson.Canonicalize(@event);
            var logged = new LoggedEvent(trialId, kind, new EventTicket(++_next, 0), Core.Hashing.ContentHash.OfBytes(canonical), System.Text.Encoding.UTF8.GetString(canonical));
            Added.Add(logged);
            return logged;
        }

        public AnchorStatus StatusOf(EventTicket ticket) => Lost.Contains(ticket) ? new(AnchorState.Lost) : new(AnchorState.Anchored, Receipt);
        public Task<LedgerReceipt> ConfirmAsync(EventTicket ticket, CancellationToken cancellationToken = default) =>
            Lost.Contains(ticket) ? throw new SiteEventLostException("lost") : Task.FromResult(Receipt);
        public Task<EventProof> GetProofAsync(EventTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_lost_event_is_added_again_with_the_same_hash_and_a_new_ticket()
    {
        using var store = SiteStore.InMemory();
        var log = new LossyLog();
        var journal = new SiteEventJournal(store, log, new FakeTimeProvider(SiteKit.Start));
        LoggedEvent first, second;
        using (var c = store.Connect())
        {
            first = journal.Record(c, "T-1", AnchorKind.ConsentBatch, new JsonObject { ["type"] = "consent", ["n"] = 1 });
            second = journal.Record(c, "T-1", AnchorKind.ConsentBatch, new JsonObject { ["type"] = "consent", ["n"] = 2 });
        }
        log.Lost.Add(first.Ticket);
        log.Lost.Add(second.Ticket);
        Assert.Equal(AnchorState.Lost, journal.StatusOf(first.EventHash.ToString()).State);

        Assert.Equal(log.Receipt, await journal.ConfirmAsync(first.EventHash.ToString()));
        var resubmitted = journal.Find(first.EventHash.ToString())!;
        Assert.Equal((first.EventHash, first.CanonicalJson), (resubmitted.EventHash, resubmitted.CanonicalJson));
        Assert.NotEqual(first.Ticket, resubmitted.Ticket);
        Assert.Equal(AnchorState.Anchored, journal.StatusOf(first.EventHash.ToString()).State);

        Assert.Equal(1, journal.ResubmitLost("T-1")); // the second one
        Assert.Equal(4, log.Added.Count);
        Assert.All(journal.Events("T-1"), e => Assert.Equal(AnchorState.Anchored, log.StatusOf(e.Ticket).State));
    }
}
