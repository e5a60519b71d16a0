using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>
/// Enrollment and randomization at a site. A participant is enrolled when their consent stands, the
/// protocol's eligibility criteria hold (<see cref="EnrollmentRequest"/>), the strata levels are
/// given, and the site's allocation commitment is confirmed on the ledger; they take the next
/// position of their stratum's committed list. Otherwise every reason is returned at once.
/// </summary>
/// <remarks>
/// Enrollments of one trial are serialised (<see cref="TrialGate"/>), so two never take the same
/// position: every service of a site must share one gate (DuckDB lets one process open the site's
/// database, so no other process competes). Enrolling an enrolled
/// participant returns the existing allocation, never a second one. The anchored event
/// (<see cref="AnchorKind.EnrollmentBatch"/>) is
/// <c>{"type":"enrollment","trial":…,"site":n,"participant":&lt;pseudonym&gt;,"stratum":…,"position":p,"at":…}</c>:
/// no arm — the arm follows from the position and the list, which is revealed only at unblinding.
/// </remarks>
public sealed class EnrollmentService(
    SiteStore store,
    IJoinedTrials trials,
    ConsentRegistry consents,
    RandomizationService randomization,
    SiteEventJournal journal,
    ParticipantPseudonyms pseudonyms,
    TimeProvider time,
    TrialGate gate,
    UnitConversion? convert = null)
{
    private readonly EligibilityChecker _eligibility = new(convert);

    /// <summary>Enrolls and randomizes <paramref name="participantId"/>, or says why not.</summary>
    public async Task<EnrollmentResult> EnrollAsync(string trialId, string participantId, EnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(participantId)) return EnrollmentResult.Refused(["the participant id is empty"]);
        var trial = trials.Find(trialId);
        if (trial is null) return EnrollmentResult.Refused([$"this site has not joined trial '{trialId}'"]);

        using var _ = await gate.EnterAsync(trialId, cancellationToken).ConfigureAwait(false);
        if (Find(trialId, participantId) is { } existing) return new EnrollmentResult(existing, true, []);

        var now = StoreTime.Now(time);
        var at = request.At is { } given ? StoreTime.Truncate(given) : now;
        var refusals = new List<string>();
        if (at > now) refusals.Add($"the enrollment time {StoreTime.Format(at)} is in the future (now {StoreTime.Format(now)})");

        switch (consents.StateOf(trialId, participantId))
        {
            case ConsentState.None:
                refusals.Add($"participant '{participantId}' has not consented to trial '{trialId}'");
                break;
            case ConsentState.Withdrawn:
                refusals.Add($"participant '{participantId}' has withdrawn consent to trial '{trialId}'");
                break;
            default:
                if (consents.StateOf(trialId, participantId, at) != ConsentState.Granted)
                    refusals.Add($"participant '{participantId}' had not consented at the enrollment time {StoreTime.Format(at)}");
                break;
        }

        var commitment = randomization.Find(trialId);
        if (commitment is null)
            refusals.Add($"no allocation list is committed for trial '{trialId}' at this site: commit it before the first enrollment");
        else if (!commitment.IsConfirmed)
            refusals.Add($"the allocation commitment {commitment.Commitment} is not yet confirmed on the ledger ({journal.StatusOf(commitment.EventHash).State.ToString().ToLowerInvariant()}): " +
                "no one may be enrolled until it is anchored, or the list could have been chosen after seeing who enrolls");
        else if (at < commitment.CreatedAt)
            refusals.Add($"the enrollment time {StoreTime.Format(at)} is before the allocation list was committed ({StoreTime.Format(commitment.CreatedAt)})");

        var scheme = AllocationScheme.From(trial.Protocol, trial.SiteNumber);
        var levels = StrataLevels(scheme, request, refusals);

        using var c = store.Connect();
        var eligibility = _eligibility.Check(c, trial.Protocol.Eligibility, participantId, request, at);
        refusals.AddRange(eligibility.Failures);

        string? stratum = levels is null ? null : scheme.StratumKey(levels);
        AllocationSlot? slot = null;
        if (stratum is not null && commitment is { IsConfirmed: true })
        {
            var position = NextPosition(c, trialId, stratum);
            slot = RandomizationService.Slot(c, trialId, stratum, position);
            if (slot is null) refusals.Add($"the allocation list of stratum {stratum} is exhausted: all {position - 1} positions are taken");
        }
        if (refusals.Count > 0) return EnrollmentResult.Refused(refusals);

        var allocation = Record(c, trial, participantId, stratum!, slot!, at, eligibility, levels!);
        return new EnrollmentResult(allocation, false, []);
    }

    /// <summary>The participant's allocation, or null when not enrolled.</summary>
    public Allocation? Find(string trialId, string participantId)
    {
        using var c = store.Connect();
        using var cmd = StoreSql.Command(c, """
            SELECT r.arm, r.stratum, r.position, l.block, r.randomized_at, r.event_hash
            FROM randomizations r LEFT JOIN allocation_list l USING (trial_id, stratum, position)
            WHERE r.trial_id = $trial AND r.participant_id = $p
            """, ("trial", trialId), ("p", participantId));
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new Allocation(trialId, participantId, r.GetString(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? 0 : r.GetInt32(3),
                StoreTime.FromStore(r.GetDateTime(4)), r.GetString(5))
            : null;
    }

    /// <summary>The counts a site reports to the sponsor before unblinding (nothing per participant).</summary>
    /// <exception cref="InvalidOperationException">The trial is not joined.</exception>
    public EnrollmentSummary Summary(string trialId)
    {
        var trial = trials.Find(trialId) ?? throw new InvalidOperationException($"this site has not joined trial '{trialId}'");
        var scheme = AllocationScheme.From(trial.Protocol, trial.SiteNumber);
        using var c = store.Connect();
        var byArm = Counts(c, "arm", trialId, scheme.Arms.Select(a => a.Id));
        var byStratum = Counts(c, "stratum", trialId, scheme.StratumKeys());
        using var cmd = StoreSql.Command(c, """
            SELECT count(*) FROM randomizations r
            JOIN (SELECT participant_id, arg_max(action, happened_at) AS action FROM consents WHERE trial_id = $trial GROUP BY participant_id) l
            USING (participant_id)
            WHERE r.trial_id = $trial AND l.action = 'withdraw'
            """, ("trial", trialId));
        var enrolledWithdrawn = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        var consent = consents.Counts(trialId);
        return new EnrollmentSummary(trialId, trial.SiteNumber, byArm.Values.Sum(), byArm, byStratum, consent.Granted, consent.Withdrawn, enrolledWithdrawn);
    }

    private static ImmutableSortedDictionary<string, int> Counts(DuckDBConnection c, string column, string trialId, IEnumerable<string> keys)
    {
        var counts = keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        using var cmd = StoreSql.Command(c, $"SELECT {column}, count(*) FROM randomizations WHERE trial_id = $trial GROUP BY {column}", ("trial", trialId));
        using var r = cmd.ExecuteReader();
        while (r.Read()) counts[r.GetString(0)] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        return counts.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>The non-site strata levels, checked against the scheme; null (with reasons added) when any is missing or wrong.</summary>
    private static SortedDictionary<string, string>? StrataLevels(AllocationScheme scheme, EnrollmentRequest request, List<string> refusals)
    {
        var levels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var factor in scheme.Strata)
        {
            var choices = string.Join(", ", factor.Levels);
            if (!request.Strata.TryGetValue(factor.Name, out var level))
            {
                refusals.Add($"stratum '{factor.Name}' is not given (one of {choices})");
                ok = false;
            }
            else if (!factor.Levels.Contains(level))
            {
                refusals.Add($"stratum '{factor.Name}': '{level}' is not one of {choices}");
                ok = false;
            }
            else levels[factor.Name] = level;
        }
        foreach (var name in request.Strata.Keys.Order(StringComparer.Ordinal))
        {
            if (scheme.Strata.Any(f => f.Name == name)) continue;
            if (name == AllocationScheme.SiteFactor && request.Strata[name] == scheme.SiteNumber.ToString(CultureInfo.InvariantCulture)) continue;
            refusals.Add(name == AllocationScheme.SiteFactor
                ? $"stratum 'site' is this site's number, {scheme.SiteNumber}, not '{request.Strata[name]}'"
                : $"'{name}' is not a stratification factor of trial '{scheme.TrialId}'{(scheme.Strata.IsEmpty ? "" : $" (factors: {string.Join(", ", scheme.Strata.Select(f => f.Name))})")}");
            ok = false;
        }
        return ok ? levels : null;
    }

    private static int NextPosition(DuckDBConnection c, string trialId, string stratum)
    {
        using var cmd = StoreSql.Command(c, "SELECT coalesce(max(position), 0) + 1 FROM randomizations WHERE trial_id = $trial AND stratum = $stratum",
            ("trial", trialId), ("stratum", stratum));
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private Allocation Record(DuckDBConnection c, JoinedTrial trial, string participantId, string stratum, AllocationSlot slot, DateTime at,
        EligibilityChecker.Outcome eligibility, SortedDictionary<string, string> levels)
    {
        using var tx = c.BeginTransaction();
        var logged = journal.Record(c, trial.TrialId, AnchorKind.EnrollmentBatch, new JsonObject
        {
            ["type"] = "enrollment",
            ["trial"] = trial.TrialId,
            ["site"] = trial.SiteNumber,
            ["participant"] = pseudonyms.Of(trial.TrialId, participantId),
            ["stratum"] = stratum,
            ["position"] = slot.Position,
            ["at"] = StoreTime.Format(at),
        });
        StoreSql.Execute(c, "INSERT INTO randomizations VALUES ($trial, $p, $stratum, $position, $arm, $at, $age, $sex, $strata, $hash)",
            ("trial", trial.TrialId), ("p", participantId), ("stratum", stratum), ("position", slot.Position), ("arm", slot.Arm), ("at", at),
            ("age", (double)eligibility.Age!.Value), ("sex", eligibility.Sex!), ("strata", JsonSerializer.Serialize(levels)), ("hash", logged.EventHash.ToString()));
        tx.Commit();
        return new Allocation(trial.TrialId, participantId, slot.Arm, stratum, slot.Position, slot.Block, at, logged.EventHash.ToString());
    }
}
