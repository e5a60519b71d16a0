using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Consent;

/// <summary>
/// Consent per (trial, participant): grants and withdrawals with the time of the site's clock, each
/// anchored as a pseudonymous <see cref="AnchorKind.ConsentBatch"/> event
/// <c>{"type":"consent","trial":…,"site":n,"participant":&lt;pseudonym&gt;,"action":"grant"|"withdraw","at":…}</c>.
/// The state at a time is the effect of the latest action up to it; a withdrawn participant is left
/// out of every analysis after the withdrawal (the derivation reads the same table), and may consent
/// again (a new grant). One participant's actions are strictly ordered in time: should the clock not
/// have advanced since their previous action, the new one is stamped 1 µs after it, so that "latest
/// action" is never a tie.
/// </summary>
public sealed class ConsentRegistry(SiteStore store, IJoinedTrials trials, SiteEventJournal journal, ParticipantPseudonyms pseudonyms, TimeProvider time, TrialGate gate)
{
    /// <summary>Records consent; a participant new to the site is added to <c>participants</c>.</summary>
    /// <exception cref="ConsentRefusedException">The trial is not joined, or the participant id is empty.</exception>
    public ConsentChange Grant(string trialId, string participantId)
    {
        var trial = Trial(trialId, participantId);
        using var _ = gate.Enter(trialId);
        using var c = store.Connect();
        var latest = Latest(c, trialId, participantId, StoreTime.Forever);
        if (latest is { Action: ConsentAction.Grant }) return new ConsentChange(ConsentOutcome.AlreadyGranted, latest);
        var record = Append(c, trial, participantId, ConsentAction.Grant, latest);
        return new ConsentChange(latest is null ? ConsentOutcome.Granted : ConsentOutcome.Regranted, record);
    }

    /// <summary>Records a withdrawal.</summary>
    /// <exception cref="ConsentRefusedException">The trial is not joined, or the participant's consent does not stand (never given, or already withdrawn).</exception>
    public ConsentChange Withdraw(string trialId, string participantId)
    {
        var trial = Trial(trialId, participantId);
        using var _ = gate.Enter(trialId);
        using var c = store.Connect();
        var latest = Latest(c, trialId, participantId, StoreTime.Forever);
        if (latest is null)
            throw new ConsentRefusedException($"participant '{participantId}' has not consented to trial '{trialId}', so there is no consent to withdraw");
        if (latest.Action == ConsentAction.Withdraw)
            throw new ConsentRefusedException($"participant '{participantId}' already withdrew consent to trial '{trialId}' at {StoreTime.Format(latest.At)}");
        return new ConsentChange(ConsentOutcome.Withdrawn, Append(c, trial, participantId, ConsentAction.Withdraw, latest));
    }

    /// <summary>The participant's consent state now, or at <paramref name="at"/> (actions up to and including it).</summary>
    public ConsentState StateOf(string trialId, string participantId, DateTimeOffset? at = null)
    {
        using var c = store.Connect();
        return Latest(c, trialId, participantId, at is { } t ? StoreTime.Truncate(t) : StoreTime.Forever)?.Action switch
        {
            null => ConsentState.None,
            ConsentAction.Grant => ConsentState.Granted,
            _ => ConsentState.Withdrawn,
        };
    }

    /// <summary>The participant's actions in the trial, oldest first.</summary>
    public IReadOnlyList<ConsentRecord> History(string trialId, string participantId)
    {
        using var c = store.Connect();
        using var cmd = StoreSql.Command(c, "SELECT action, happened_at, event_hash FROM consents WHERE trial_id = $trial AND participant_id = $p ORDER BY happened_at",
            ("trial", trialId), ("p", participantId));
        using var r = cmd.ExecuteReader();
        var list = new List<ConsentRecord>();
        while (r.Read()) list.Add(new ConsentRecord(trialId, participantId, Parse(r.GetString(0)), StoreTime.FromStore(r.GetDateTime(1)), r.GetString(2)));
        return list;
    }

    /// <summary>Participants whose consent is withdrawn now (their latest action is a withdrawal), sorted.</summary>
    public IReadOnlyList<string> Withdrawn(string trialId) => InState(trialId, StoreTime.Forever, "withdraw");

    /// <summary>Participants whose consent stood at <paramref name="at"/>, sorted.</summary>
    public IReadOnlyList<string> ConsentedAt(string trialId, DateTimeOffset at) => InState(trialId, StoreTime.Truncate(at), "grant");

    /// <summary>How many participants are consented and withdrawn now.</summary>
    public ConsentCounts Counts(string trialId)
    {
        using var c = store.Connect();
        using var cmd = StoreSql.Command(c, $"""
            SELECT count(*) FILTER (WHERE action = 'grant'), count(*) FILTER (WHERE action = 'withdraw')
            FROM ({LatestActions}) latest
            """, ("trial", trialId), ("at", StoreTime.Forever));
        using var r = cmd.ExecuteReader();
        r.Read();
        return new ConsentCounts(Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)));
    }

    private const string LatestActions =
        "SELECT participant_id, arg_max(action, happened_at) AS action FROM consents WHERE trial_id = $trial AND happened_at <= $at GROUP BY participant_id";

    private List<string> InState(string trialId, DateTime at, string action)
    {
        using var c = store.Connect();
        using var cmd = StoreSql.Command(c, $"SELECT participant_id FROM ({LatestActions}) latest WHERE action = $action ORDER BY participant_id",
            ("trial", trialId), ("at", at), ("action", action));
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private JoinedTrial Trial(string trialId, string participantId)
    {
        if (string.IsNullOrWhiteSpace(participantId)) throw new ConsentRefusedException("the participant id is empty");
        return trials.Find(trialId) ?? throw new ConsentRefusedException($"this site has not joined trial '{trialId}'");
    }

    private ConsentRecord Append(DuckDBConnection c, JoinedTrial trial, string participantId, ConsentAction action, ConsentRecord? previous)
    {
        var now = StoreTime.Now(time);
        if (previous is not null && now <= previous.At) now = previous.At.AddTicks(TimeSpan.TicksPerMicrosecond);
        var @event = new JsonObject
        {
            ["type"] = "consent",
            ["trial"] = trial.TrialId,
            ["site"] = trial.SiteNumber,
            ["participant"] = pseudonyms.Of(trial.TrialId, participantId),
            ["action"] = Name(action),
            ["at"] = StoreTime.Format(now),
        };
        using var tx = c.BeginTransaction();
        var logged = journal.Record(c, trial.TrialId, AnchorKind.ConsentBatch, @event);
        using (var cmd = StoreSql.Command(c, "INSERT INTO participants (participant_id, created_at, source) VALUES ($p, $at, 'consent') ON CONFLICT DO NOTHING",
                   ("p", participantId), ("at", now)))
            cmd.ExecuteNonQuery();
        using (var cmd = StoreSql.Command(c, "INSERT INTO consents VALUES ($trial, $p, $action, $at, $hash)",
                   ("trial", trial.TrialId), ("p", participantId), ("action", Name(action)), ("at", now), ("hash", logged.EventHash.ToString())))
            cmd.ExecuteNonQuery();
        tx.Commit();
        return new ConsentRecord(trial.TrialId, participantId, action, now, logged.EventHash.ToString());
    }

    private static ConsentRecord? Latest(DuckDBConnection c, string trialId, string participantId, DateTime at)
    {
        using var cmd = StoreSql.Command(c, """
            SELECT action, happened_at, event_hash FROM consents
            WHERE trial_id = $trial AND participant_id = $p AND happened_at <= $at
            ORDER BY happened_at DESC LIMIT 1
            """, ("trial", trialId), ("p", participantId), ("at", at));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new ConsentRecord(trialId, participantId, Parse(r.GetString(0)), StoreTime.FromStore(r.GetDateTime(1)), r.GetString(2)) : null;
    }

    private static string Name(ConsentAction action) => action == ConsentAction.Grant ? "grant" : "withdraw";

    private static ConsentAction Parse(string stored) => stored == "grant" ? ConsentAction.Grant : ConsentAction.Withdraw;
}
