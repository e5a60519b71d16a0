using System.Text;
using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Enrollment;
using ClinicalTrials.Site.Tests.Trials;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.Site.Tests.Consent;

public sealed class ConsentRegistryTests
{
    [Fact]
    public async Task A_grant_is_recorded_and_anchored_as_a_pseudonymous_consent_event()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        var change = kit.Consents.Grant(kit.TrialId, "P-001");

        Assert.Equal(ConsentOutcome.Granted, change.Outcome);
        Assert.Equal(SiteKit.Start.UtcDateTime, change.Record.At);
        Assert.Equal(ConsentState.Granted, kit.Consents.StateOf(kit.TrialId, "P-001"));
        Assert.Equal(1, kit.Count("participants", "participant_id = 'P-001' AND source = 'consent'"));

        var logged = Assert.Single(kit.Journal.Events(kit.TrialId));
        Assert.Equal(AnchorKind.ConsentBatch, logged.Kind);
        Assert.Equal(change.Record.EventHash, logged.EventHash.ToString());
        // HMAC-SHA256(key 0x64..0x83, "HTN-HOME-001\0P-001"), computed with Python's hmac module.
        Assert.Equal(
            """{"action":"grant","at":"2026-01-10T08:00:00.000000Z","participant":"df7fae1f1d63a68f8ea6402bff18d31fd2af9e8fc2ec263373f0cf4ef61e16f9","site":2,"trial":"HTN-HOME-001","type":"consent"}""",
            logged.CanonicalJson);
        Assert.DoesNotContain("P-001", logged.CanonicalJson);

        await kit.Log.FlushAsync();
        var status = kit.Journal.StatusOf(change.Record.EventHash);
        Assert.Equal(AnchorState.Anchored, status.State);
        var proof = await kit.Log.GetProofAsync(logged.Ticket);
        Assert.True(AnchorBatcher.VerifyEventProof(Encoding.UTF8.GetBytes(logged.CanonicalJson), proof));
        var anchor = Assert.Single(await kit.Sponsor.ListAnchorsAsync(kit.TrialId));
        Assert.Equal((AnchorKind.ConsentBatch, kit.SiteAccount, 1L), (anchor.Kind, anchor.Anchorer, anchor.LeafCount));
        Assert.Equal(anchor.Receipt, status.Receipt);
    }

    [Fact]
    public async Task Withdrawing_without_a_standing_consent_is_refused()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        var never = Assert.Throws<ConsentRefusedException>(() => kit.Consents.Withdraw(kit.TrialId, "P-404"));
        Assert.Equal("participant 'P-404' has not consented to trial 'HTN-HOME-001', so there is no consent to withdraw", never.Message);

        kit.Consents.Grant(kit.TrialId, "P-001");
        kit.Clock.Advance(TimeSpan.FromDays(3));
        kit.Consents.Withdraw(kit.TrialId, "P-001");
        var twice = Assert.Throws<ConsentRefusedException>(() => kit.Consents.Withdraw(kit.TrialId, "P-001"));
        Assert.Equal("participant 'P-001' already withdrew consent to trial 'HTN-HOME-001' at 2026-01-13T08:00:00.000000Z", twice.Message);

        Assert.Equal("this site has not joined trial 'NOPE'", Assert.Throws<ConsentRefusedException>(() => kit.Consents.Grant("NOPE", "P-001")).Message);
        Assert.Throws<ConsentRefusedException>(() => kit.Consents.Grant(kit.TrialId, " "));
        Assert.Equal(2, kit.Count("consents")); // the refusals recorded nothing
    }

    [Fact]
    public async Task Re_consent_after_withdrawal_is_a_new_grant_and_a_repeated_grant_records_nothing()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        Assert.Equal(ConsentOutcome.Granted, kit.Consents.Grant(kit.TrialId, "P-001").Outcome);
        kit.Clock.Advance(TimeSpan.FromDays(1));
        var again = kit.Consents.Grant(kit.TrialId, "P-001");
        Assert.Equal(ConsentOutcome.AlreadyGranted, again.Outcome);
        Assert.Equal(SiteKit.Start.UtcDateTime, again.Record.At); // the standing grant
        kit.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ConsentOutcome.Withdrawn, kit.Consents.Withdraw(kit.TrialId, "P-001").Outcome);
        kit.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ConsentOutcome.Regranted, kit.Consents.Grant(kit.TrialId, "P-001").Outcome);

        var history = kit.Consents.History(kit.TrialId, "P-001");
        Assert.Equal([ConsentAction.Grant, ConsentAction.Withdraw, ConsentAction.Grant], history.Select(h => h.Action));
        Assert.Equal([0, 2, 3], history.Select(h => (h.At - SiteKit.Start.UtcDateTime).Days));
        Assert.Equal(3, kit.Journal.Events(kit.TrialId).Count);
        Assert.Equal(ConsentState.Granted, kit.Consents.StateOf(kit.TrialId, "P-001"));
        Assert.Equal(ConsentState.Withdrawn, kit.Consents.StateOf(kit.TrialId, "P-001", SiteKit.Start.AddDays(2.5)));
        Assert.Equal(ConsentState.None, kit.Consents.StateOf(kit.TrialId, "P-001", SiteKit.Start.AddHours(-1)));
    }

    [Fact]
    public async Task Actions_at_one_clock_reading_are_still_ordered()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        kit.Consents.Grant(kit.TrialId, "P-001");
        var withdrawal = kit.Consents.Withdraw(kit.TrialId, "P-001"); // the fake clock has not moved
        Assert.Equal(SiteKit.Start.UtcDateTime.AddTicks(10), withdrawal.Record.At); // 1 µs later
        Assert.Equal(ConsentState.Withdrawn, kit.Consents.StateOf(kit.TrialId, "P-001"));
        Assert.Equal(["P-001"], kit.Consents.Withdrawn(kit.TrialId));
    }

    [Fact]
    public async Task Withdrawn_and_consented_at_a_time_follow_each_participants_latest_action()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        var t = SiteKit.Start;
        kit.Consents.Grant(kit.TrialId, "P1");        // day 0
        kit.Consents.Grant(kit.TrialId, "P2");        // day 0
        kit.Clock.Advance(TimeSpan.FromDays(1));
        kit.Consents.Withdraw(kit.TrialId, "P2");     // day 1
        kit.Clock.Advance(TimeSpan.FromDays(1));
        kit.Consents.Grant(kit.TrialId, "P3");        // day 2
        kit.Clock.Advance(TimeSpan.FromDays(1));
        kit.Consents.Withdraw(kit.TrialId, "P1");     // day 3
        kit.Clock.Advance(TimeSpan.FromDays(1));
        kit.Consents.Grant(kit.TrialId, "P2");        // day 4: re-consent

        Assert.Equal(["P1", "P2"], kit.Consents.ConsentedAt(kit.TrialId, t.AddHours(12)));
        Assert.Equal(["P1"], kit.Consents.ConsentedAt(kit.TrialId, t.AddDays(1)));          // P2's withdrawal counts at its instant
        Assert.Equal(["P1", "P3"], kit.Consents.ConsentedAt(kit.TrialId, t.AddDays(2.5)));
        Assert.Equal(["P3"], kit.Consents.ConsentedAt(kit.TrialId, t.AddDays(3.5)));
        Assert.Equal(["P2", "P3"], kit.Consents.ConsentedAt(kit.TrialId, t.AddDays(5)));
        Assert.Equal(["P1"], kit.Consents.Withdrawn(kit.TrialId));
        Assert.Equal(new ConsentCounts(2, 1), kit.Consents.Counts(kit.TrialId));
        Assert.Empty(kit.Consents.ConsentedAt(kit.TrialId, t.AddSeconds(-1)));
    }

    [Fact]
    public async Task A_participant_who_withdraws_after_enrollment_is_left_out_of_the_derived_dataset()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "rot-01");
        await kit.ReadyAsync("P1", "P2", "P3");
        foreach (var p in new[] { "P1", "P2", "P3" })
            Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, p, new EnrollmentRequest { Age = 70, Sex = "F", InvestigatorConfirmed = true })).IsEnrolled);
        kit.Clock.Advance(TimeSpan.FromDays(30));
        kit.Consents.Withdraw(kit.TrialId, "P2");

        var derived = new EndpointDeriver(kit.Store).Derive(kit.Joined, null);
        Assert.Equal(["P1", "P3"], derived.Dataset.ParticipantIds);
        Assert.Equal(1, derived.ExcludedWithdrawn);
        // Also at a data lock from before the withdrawal: excluded from every later analysis.
        Assert.Equal(["P1", "P3"], new EndpointDeriver(kit.Store).Derive(kit.Joined, SiteKit.Start.AddDays(10)).Dataset.ParticipantIds);
        var summary = kit.Enrollment.Summary(kit.TrialId);
        Assert.Equal((3, 2, 1, 1), (summary.Enrolled, summary.ConsentGranted, summary.ConsentWithdrawn, summary.EnrolledWithdrawn));
    }
}
