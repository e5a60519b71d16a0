using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Randomization;

/// <summary>
/// The site's allocation lists: generated once per trial from a fresh 256-bit seed
/// (<see cref="AllocationSequence"/>), committed by hash and anchored
/// (<see cref="AnchorKind.RandomizationCommitment"/>, event
/// <c>{"type":"randomization_commitment","trial":…,"site":n,"commitment":"sha256:…"}</c>) before
/// the first enrollment, and revealed at unblinding. Seed and lists stay in the site's database.
/// </summary>
public sealed class RandomizationService
{
    private readonly SiteStore _store;
    private readonly IJoinedTrials _trials;
    private readonly SiteEventJournal _journal;
    private readonly INonceSource _seeds;
    private readonly Lock _seedLock = new();
    private readonly TimeProvider _time;
    private readonly TrialGate _gate;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The site's database.</param>
    /// <param name="trials">The joined trials.</param>
    /// <param name="journal">Where events are anchored and recorded.</param>
    /// <param name="seeds">Where seeds come from: the OS CSPRNG when null; a seeded source replays a demo.</param>
    /// <param name="time">The site's clock.</param>
    /// <param name="gate">The site's per-trial lock, shared with enrollment.</param>
    public RandomizationService(SiteStore store, IJoinedTrials trials, SiteEventJournal journal, INonceSource? seeds, TimeProvider time, TrialGate gate)
    {
        _store = store;
        _trials = trials;
        _journal = journal;
        _seeds = seeds ?? new CryptoNonceSource();
        _time = time;
        _gate = gate;
    }

    /// <summary>
    /// Generates and commits the trial's allocation lists (once; later calls return the same
    /// commitment), then waits until the commitment is on the ledger. Cancelling the wait leaves the
    /// commitment pending; calling again resumes waiting.
    /// </summary>
    /// <exception cref="RandomizationException">The trial is not joined, or its randomization cannot be run as permuted blocks.</exception>
    public async Task<AllocationCommitment> CommitAsync(string trialId, CancellationToken cancellationToken = default)
    {
        AllocationCommitment commitment;
        // The lock covers generating and recording only: waiting for the ledger under it would
        // stall the trial's consents while the ledger is down.
        using (await _gate.EnterAsync(trialId, cancellationToken).ConfigureAwait(false))
            commitment = Find(trialId) ?? Create(trialId);
        if (commitment.IsConfirmed) return commitment;
        var receipt = await _journal.ConfirmAsync(commitment.EventHash, cancellationToken).ConfigureAwait(false);
        MarkAnchored(trialId);
        return commitment with { Receipt = receipt };
    }

    /// <summary>The trial's commitment (confirmed or not), or null before <see cref="CommitAsync"/>. Does not wait.</summary>
    public AllocationCommitment? Find(string trialId)
    {
        using var c = _store.Connect();
        var row = ReadRow(c, trialId);
        if (row is null) return null;
        var lengths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (var cmd = StoreSql.Command(c, "SELECT stratum, count(*) FROM allocation_list WHERE trial_id = $trial GROUP BY stratum", ("trial", trialId)))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) lengths[r.GetString(0)] = Convert.ToInt32(r.GetValue(1));
        LedgerReceipt? receipt = null;
        var status = _journal.StatusOf(row.EventHash);
        if (status.State == AnchorState.Anchored)
        {
            receipt = status.Receipt;
            if (!row.Anchored) MarkAnchored(trialId);
        }
        return new AllocationCommitment(trialId, row.SiteNumber, row.Commitment, row.CreatedAt, row.EventHash,
            lengths.ToImmutableSortedDictionary(StringComparer.Ordinal), receipt);
    }

    /// <summary>
    /// Opens the allocation at unblinding: seed, scheme and lists, which anyone can check with
    /// <see cref="AllocationSequence.Verify(AllocationReveal)"/> against the anchored commitment. The
    /// first reveal is recorded and anchored as an <c>allocation_reveal</c> event
    /// <c>{"type":"allocation_reveal","trial":…,"site":n,"commitment":…,"at":…}</c>; the ledger lets
    /// only the sponsor anchor <see cref="AnchorKind.Unblinding"/>, so the site's event goes in its
    /// <see cref="AnchorKind.EnrollmentBatch"/> stream, with the enrollments the allocation served.
    /// When to reveal (after the sponsor's data lock and unblinding) is the caller's decision.
    /// </summary>
    /// <exception cref="RandomizationException">Nothing was committed for the trial.</exception>
    public async Task<AllocationReveal> RevealAsync(string trialId, CancellationToken cancellationToken = default)
    {
        using var _ = await _gate.EnterAsync(trialId, cancellationToken).ConfigureAwait(false);
        var trial = _trials.Find(trialId) ?? throw new RandomizationException($"this site has not joined trial '{trialId}'");
        using var c = _store.Connect();
        var row = ReadRow(c, trialId) ?? throw new RandomizationException($"trial '{trialId}' has no committed allocation at this site: nothing to reveal");
        var lists = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        using (var cmd = StoreSql.Command(c, "SELECT stratum, list(arm ORDER BY position) FROM allocation_list WHERE trial_id = $trial GROUP BY stratum", ("trial", trialId)))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) lists[r.GetString(0)] = [.. r.GetFieldValue<List<string>>(1)];
        var revealedAt = row.RevealedAt;
        if (revealedAt is null)
        {
            var now = StoreTime.Now(_time);
            using var tx = c.BeginTransaction();
            _journal.Record(c, trialId, AnchorKind.EnrollmentBatch, new JsonObject
            {
                ["type"] = "allocation_reveal",
                ["trial"] = trialId,
                ["site"] = row.SiteNumber,
                ["commitment"] = row.Commitment,
                ["at"] = StoreTime.Format(now),
            });
            using (var cmd = StoreSql.Command(c, "UPDATE allocation_commitments SET revealed_at = $now WHERE trial_id = $trial", ("now", now), ("trial", trialId)))
                cmd.ExecuteNonQuery();
            tx.Commit();
            revealedAt = now;
        }
        return new AllocationReveal(AllocationScheme.From(trial.Protocol, row.SiteNumber), row.SeedHex, lists.ToImmutable(), row.Commitment, revealedAt.Value);
    }

    /// <summary>The arm and block at <paramref name="position"/> of a stratum's list, or null past its end.</summary>
    internal static AllocationSlot? Slot(DuckDBConnection c, string trialId, string stratum, int position)
    {
        using var cmd = StoreSql.Command(c, "SELECT block, arm FROM allocation_list WHERE trial_id = $trial AND stratum = $stratum AND position = $position",
            ("trial", trialId), ("stratum", stratum), ("position", position));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new AllocationSlot(position, r.GetInt32(0), r.GetString(1)) : null;
    }

    private AllocationCommitment Create(string trialId)
    {
        var trial = _trials.Find(trialId) ?? throw new RandomizationException($"this site has not joined trial '{trialId}'");
        var scheme = AllocationScheme.From(trial.Protocol, trial.SiteNumber);
        var seed = new byte[32];
        lock (_seedLock) _seeds.Fill(seed);
        var seedHex = Convert.ToHexStringLower(seed);
        var lists = AllocationSequence.Generate(scheme, seed);
        var commitment = AllocationSequence.Commitment(trialId, trial.SiteNumber, seedHex, AllocationSequence.Arms(lists)).ToString();
        var now = StoreTime.Now(_time);

        using var c = _store.Connect();
        using var tx = c.BeginTransaction();
        var logged = _journal.Record(c, trialId, AnchorKind.RandomizationCommitment, new JsonObject
        {
            ["type"] = "randomization_commitment",
            ["trial"] = trialId,
            ["site"] = trial.SiteNumber,
            ["commitment"] = commitment,
        });
        using (var cmd = StoreSql.Command(c, "INSERT INTO allocation_commitments VALUES ($trial, $seed, $commitment, $now, $hash, FALSE, NULL)",
                   ("trial", trialId), ("seed", seedHex), ("commitment", commitment), ("now", now), ("hash", logged.EventHash.ToString())))
            cmd.ExecuteNonQuery();
        using (var appender = c.CreateAppender("allocation_list"))
            foreach (var (stratum, slots) in lists)
                foreach (var slot in slots)
                    appender.CreateRow().AppendValue(trialId).AppendValue(stratum).AppendValue(slot.Position).AppendValue(slot.Block).AppendValue(slot.Arm).EndRow();
        tx.Commit();
        return new AllocationCommitment(trialId, trial.SiteNumber, commitment, now, logged.EventHash.ToString(),
            lists.ToImmutableSortedDictionary(l => l.Key, l => l.Value.Length, StringComparer.Ordinal), null);
    }

    private void MarkAnchored(string trialId)
    {
        using var c = _store.Connect();
        using var cmd = StoreSql.Command(c, "UPDATE allocation_commitments SET anchored = TRUE WHERE trial_id = $trial", ("trial", trialId));
        cmd.ExecuteNonQuery();
    }

    private sealed record CommitmentRow(int SiteNumber, string SeedHex, string Commitment, DateTime CreatedAt, string EventHash, bool Anchored, DateTime? RevealedAt);

    private static CommitmentRow? ReadRow(DuckDBConnection c, string trialId)
    {
        using var cmd = StoreSql.Command(c, """
            SELECT t.site_number, a.seed_hex, a.commitment, a.created_at, a.event_hash, a.anchored, a.revealed_at
            FROM allocation_commitments a JOIN trials t USING (trial_id) WHERE a.trial_id = $trial
            """, ("trial", trialId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new CommitmentRow(r.GetInt32(0), r.GetString(1), r.GetString(2), StoreTime.FromStore(r.GetDateTime(3)), r.GetString(4), r.GetBoolean(5),
            r.IsDBNull(6) ? null : StoreTime.FromStore(r.GetDateTime(6)));
    }
}
