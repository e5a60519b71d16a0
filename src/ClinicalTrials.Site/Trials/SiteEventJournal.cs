using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// The site's record of the events it handed to its <see cref="ISiteEventLog"/> (table
/// <c>site_events</c>): the canonical event and its ticket, so that the event's state on the ledger
/// can be asked for, its proof produced, and an event lost in a crash added again.
/// </summary>
/// <remarks>
/// An event is added to the log before the database transaction that records the action commits:
/// if the transaction then fails, the ledger holds a leaf for an action that did not happen (harmless:
/// nobody holds the event it opens to), never an action whose event was not anchored.
/// </remarks>
public sealed class SiteEventJournal(SiteStore store, ISiteEventLog log, TimeProvider time)
{
    /// <summary>The log events go to.</summary>
    public ISiteEventLog Log => log;

    /// <summary>Adds the event to the log and records it in <paramref name="connection"/>'s transaction.</summary>
    internal LoggedEvent Record(DuckDBConnection connection, string trialId, AnchorKind kind, JsonNode @event)
    {
        var logged = log.Add(trialId, kind, @event);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT INTO site_events VALUES ($hash, $trial, $kind, $batch, $leaf, $json, $now)";
        cmd.Parameters.Add(new DuckDBParameter("hash", logged.EventHash.ToString()));
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        cmd.Parameters.Add(new DuckDBParameter("kind", kind.ToString()));
        cmd.Parameters.Add(new DuckDBParameter("batch", logged.Ticket.BatchId));
        cmd.Parameters.Add(new DuckDBParameter("leaf", logged.Ticket.LeafIndex));
        cmd.Parameters.Add(new DuckDBParameter("json", logged.CanonicalJson));
        cmd.Parameters.Add(new DuckDBParameter("now", StoreTime.Now(time)));
        cmd.ExecuteNonQuery();
        return logged;
    }

    /// <summary>The recorded event with hash <paramref name="eventHash"/> (the latest, should two be identical), or null.</summary>
    public LoggedEvent? Find(string eventHash)
    {
        using var c = store.Connect();
        return Query(c, "WHERE event_hash = $p ORDER BY added_at DESC LIMIT 1", eventHash).FirstOrDefault();
    }

    /// <summary>Every event recorded for the trial, in the order added.</summary>
    public IReadOnlyList<LoggedEvent> Events(string trialId)
    {
        using var c = store.Connect();
        return Query(c, "WHERE trial_id = $p ORDER BY added_at, batch_id, leaf_index", trialId);
    }

    /// <summary>Where the event with hash <paramref name="eventHash"/> is on its way to the ledger.</summary>
    /// <exception cref="InvalidOperationException">No such event was recorded.</exception>
    public AnchorStatus StatusOf(string eventHash) => log.StatusOf(Require(eventHash).Ticket);

    /// <summary>
    /// Seals the open batches and waits until the event is anchored, adding it again first if a crash
    /// lost it.
    /// </summary>
    public async Task<LedgerReceipt> ConfirmAsync(string eventHash, CancellationToken cancellationToken = default)
    {
        var logged = Require(eventHash);
        if (log.StatusOf(logged.Ticket).State == AnchorState.Lost) logged = Resubmit(logged);
        return await log.ConfirmAsync(logged.Ticket, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds again every event of the trial that a crash lost; returns how many.</summary>
    public int ResubmitLost(string trialId)
    {
        var lost = Events(trialId).Where(e => log.StatusOf(e.Ticket).State == AnchorState.Lost).ToList();
        foreach (var e in lost) Resubmit(e);
        return lost.Count;
    }

    private LoggedEvent Resubmit(LoggedEvent lost)
    {
        // Same canonical bytes, so the same event hash; only the nonce and the ticket are new.
        var again = log.Add(lost.TrialId, lost.Kind, JsonNode.Parse(lost.CanonicalJson)!);
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE site_events SET batch_id = $nb, leaf_index = $nl WHERE event_hash = $hash AND batch_id = $ob AND leaf_index = $ol";
        cmd.Parameters.Add(new DuckDBParameter("nb", again.Ticket.BatchId));
        cmd.Parameters.Add(new DuckDBParameter("nl", again.Ticket.LeafIndex));
        cmd.Parameters.Add(new DuckDBParameter("hash", lost.EventHash.ToString()));
        cmd.Parameters.Add(new DuckDBParameter("ob", lost.Ticket.BatchId));
        cmd.Parameters.Add(new DuckDBParameter("ol", lost.Ticket.LeafIndex));
        cmd.ExecuteNonQuery();
        return again;
    }

    private LoggedEvent Require(string eventHash) =>
        Find(eventHash) ?? throw new InvalidOperationException($"no site event {eventHash} is recorded in this site's store");

    private static List<LoggedEvent> Query(DuckDBConnection c, string where, string parameter)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT trial_id, kind, batch_id, leaf_index, event_hash, event_json FROM site_events " + where;
        cmd.Parameters.Add(new DuckDBParameter("p", parameter));
        using var r = cmd.ExecuteReader();
        var list = new List<LoggedEvent>();
        while (r.Read())
            list.Add(new LoggedEvent(r.GetString(0), Enum.Parse<AnchorKind>(r.GetString(1)), new EventTicket(r.GetInt64(2), r.GetInt64(3)),
                ContentHash.Parse(r.GetString(4)), r.GetString(5)));
        return list;
    }
}
