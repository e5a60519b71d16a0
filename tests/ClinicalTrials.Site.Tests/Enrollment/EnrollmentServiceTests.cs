using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Enrollment;
using ClinicalTrials.Site.Tests.Trials;

namespace ClinicalTrials.Site.Tests.Enrollment;

public sealed class EnrollmentServiceTests
{
    private const string SystolicBp = "8480-6";
    private const string HbA1c = "4548-4";

    private static readonly EnrollmentRequest Eligible = new() { Age = 60, Sex = "F", InvestigatorConfirmed = true };

    private static EnrollmentRequest Diabetes(string group) => Eligible with { Strata = ImmutableDictionary<string, string>.Empty.Add("hba1c_group", group) };

    /// <summary>Six systolic readings, one a day on days −5..0 (the window is −7..0).</summary>
    private static void Systolic(SiteKit kit, string participant, params double[] values)
    {
        for (var i = 0; i < values.Length; i++) kit.Reading(participant, SystolicBp, values[i], "mm[Hg]", SiteKit.OnDay(i - values.Length + 1));
    }

    [Fact]
    public async Task An_eligible_consented_participant_gets_the_first_position_of_the_list()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        await kit.ReadyAsync("P-001");
        Systolic(kit, "P-001", 150, 152, 148, 151, 149, 150);

        var result = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible);

        Assert.True(result.IsEnrolled, string.Join("; ", result.Refusals));
        Assert.False(result.AlreadyEnrolled);
        var reveal = await kit.Randomization.RevealAsync(kit.TrialId);
        Assert.Equal(("site=2", 1, 1, reveal.Lists["site=2"][0]), (result.Allocation.Stratum, result.Allocation.Position, result.Allocation.Block, result.Allocation.Arm));
        Assert.Equal(SiteKit.Start.UtcDateTime, result.Allocation.RandomizedAt);
        Assert.Equal(1, kit.Count("randomizations", "participant_id = 'P-001' AND age_years = 60 AND sex = 'F' AND strata_json = '{}'"));
    }

    [Fact]
    public async Task The_enrollment_event_names_neither_the_participant_nor_the_arm()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "lyo-02");
        await kit.ReadyAsync("P-001");
        var allocation = (await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible)).Allocation!;

        var logged = kit.Journal.Find(allocation.EventHash)!;
        Assert.Equal(AnchorKind.EnrollmentBatch, logged.Kind);
        var json = JsonNode.Parse(logged.CanonicalJson)!.AsObject();
        Assert.Equal(["at", "participant", "position", "site", "stratum", "trial", "type"], json.Select(p => p.Key));
        Assert.Equal(("enrollment", 2, "site=2", 1), ((string)json["type"]!, (int)json["site"]!, (string)json["stratum"]!, (int)json["position"]!));
        Assert.Equal(kit.Pseudonyms.Of(kit.TrialId, "P-001"), (string)json["participant"]!);
        foreach (var arm in kit.Joined.Protocol.Arms) Assert.DoesNotContain(arm.Id, logged.CanonicalJson);
        Assert.DoesNotContain("P-001", logged.CanonicalJson);

        await kit.Log.FlushAsync();
        Assert.Contains(await kit.Sponsor.ListAnchorsAsync(kit.TrialId), a => a.Kind == AnchorKind.EnrollmentBatch && a.Anchorer == kit.SiteAccount);
    }

    [Fact]
    public async Task An_ineligible_participant_is_refused_with_every_reason()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        await kit.ReadyAsync();
        // Mean of 130, 135, 140, 138, 136, 140 = 819 / 6 = 136.5; the reading of day −8 is outside the window.
        Systolic(kit, "P-001", 130, 135, 140, 138, 136, 140);
        kit.Reading("P-001", SystolicBp, 200, "mm[Hg]", SiteKit.OnDay(-8));

        var result = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", new EnrollmentRequest { Age = 38, Sex = "M" });

        Assert.False(result.IsEnrolled);
        Assert.Equal(
        [
            "participant 'P-001' has not consented to trial 'HTN-HOME-001'",
            "age 38 is below the minimum 40 years",
            "mean 8480-6 over days -7..0 is 136.5 mm[Hg], below the minimum 140 (6 readings)",
            "the investigator has not confirmed the free-text criteria (2 inclusion, 4 exclusion)",
        ], result.Refusals.ToArray());
        Assert.Equal(0, kit.Count("randomizations"));
        Assert.Single(kit.Journal.Events(kit.TrialId)); // the commitment only
    }

    [Fact]
    public async Task Observation_criteria_report_too_few_readings_values_above_the_maximum_and_unusable_units()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        await kit.ReadyAsync("P-few", "P-high");
        Systolic(kit, "P-few", 150, 150, 150, 150);
        kit.Reading("P-few", SystolicBp, 20, "kPa", SiteKit.OnDay(-1));
        Systolic(kit, "P-high", 180, 190, 185, 185, 180, 190);

        var few = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-few", Eligible);
        Assert.Equal("mean 8480-6 over days -7..0: 4 readings, fewer than the 6 required; not convertible to mm[Hg]: 1 in kPa", Assert.Single(few.Refusals));
        var high = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-high", Eligible);
        Assert.Equal("mean 8480-6 over days -7..0 is 185 mm[Hg], above the maximum 179 (6 readings)", Assert.Single(high.Refusals));
    }

    [Fact]
    public async Task Readings_in_another_unit_count_when_a_conversion_is_known()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        var enrollment = new EnrollmentService(kit.Store, kit.Trials, kit.Consents, kit.Randomization, kit.Journal, kit.Pseudonyms, kit.Clock, kit.Gate,
            (loinc, from, to) => (loinc, from, to) == (SystolicBp, "kPa", "mm[Hg]") ? (7.5, 0) : null);
        await kit.ReadyAsync("P-001");
        // 5 readings of 150 mm[Hg] and 20 kPa = 150 mm[Hg] at a 7.5 factor: 6 readings, mean 150.
        Systolic(kit, "P-001", 150, 150, 150, 150, 150);
        kit.Reading("P-001", SystolicBp, 20, "kPa", SiteKit.OnDay(-6));
        Assert.True((await enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible)).IsEnrolled);
    }

    [Fact]
    public async Task Age_and_sex_come_from_the_participant_record_when_not_given()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "rot-01", editProtocol: p =>
        {
            p["eligibility"]!["sex"] = "female";
            return p;
        });
        await kit.ReadyAsync("P-39", "P-50", "P-none");
        Record(kit, "P-39", "1976-01-11", "F"); // 50 tomorrow: 49 at enrollment on 2026-01-10
        Record(kit, "P-50", "1976-01-10", "M"); // 50 today

        var young = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-39", new EnrollmentRequest { InvestigatorConfirmed = true });
        Assert.Equal("age 49 is below the minimum 50 years", Assert.Single(young.Refusals));
        var male = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-50", new EnrollmentRequest { InvestigatorConfirmed = true });
        Assert.Equal("sex M is not eligible: the trial enrolls female participants only", Assert.Single(male.Refusals));
        var unknown = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-none", new EnrollmentRequest { InvestigatorConfirmed = true });
        Assert.Equal(
        [
            "age unknown: give the age at enrollment or record the participant's birth date",
            "sex unknown: give it at enrollment (F or M) or record it for the participant",
        ], unknown.Refusals.ToArray());
        Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, "P-50", new EnrollmentRequest { Sex = "female", InvestigatorConfirmed = true })).IsEnrolled);
        Assert.Equal(1, kit.Count("randomizations", "participant_id = 'P-50' AND age_years = 50 AND sex = 'F'"));
    }

    private static void Record(SiteKit kit, string participant, string birthDate, string sex)
    {
        using var c = kit.Store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"UPDATE participants SET birth_date = DATE '{birthDate}', sex = '{sex}' WHERE participant_id = '{participant}'";
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    [Fact]
    public async Task Enrollment_waits_for_a_committed_and_confirmed_allocation()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "bos-01", registerSiteKey: false);
        kit.Consents.Grant(kit.TrialId, "P-001");
        Systolic(kit, "P-001", 150, 150, 150, 150, 150, 150);

        var uncommitted = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible);
        Assert.Equal("no allocation list is committed for trial 'HTN-HOME-001' at this site: commit it before the first enrollment", Assert.Single(uncommitted.Refusals));

        // Committed, but the ledger refuses the site's anchors until the sponsor registers its key.
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Randomization.CommitAsync(kit.TrialId, patience.Token));
        var commitment = kit.Randomization.Find(kit.TrialId)!;
        var pending = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible);
        Assert.Equal($"the allocation commitment {commitment.Commitment} is not yet confirmed on the ledger (pending): no one may be enrolled until it is anchored, or the list could have been chosen after seeing who enrolls", Assert.Single(pending.Refusals));

        await kit.RegisterSiteKeyAsync();
        await kit.Randomization.CommitAsync(kit.TrialId);
        Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible)).IsEnrolled);

        // On the ledger, the commitment precedes the enrollment batch.
        await kit.Log.FlushAsync();
        var kinds = (await kit.Sponsor.ListAnchorsAsync(kit.TrialId)).Select(a => a.Kind).ToList();
        Assert.Equal(3, kinds.Count);
        Assert.True(kinds.IndexOf(AnchorKind.RandomizationCommitment) < kinds.IndexOf(AnchorKind.EnrollmentBatch), string.Join(", ", kinds));
    }

    [Fact]
    public async Task Consent_must_stand_at_enrollment()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "rot-01");
        await kit.ReadyAsync("P-w", "P-late");
        kit.Clock.Advance(TimeSpan.FromHours(1));
        kit.Consents.Withdraw(kit.TrialId, "P-w");

        Assert.Equal("participant 'P-w' has withdrawn consent to trial 'HF-REMOTE-002'", Assert.Single((await kit.Enrollment.EnrollAsync(kit.TrialId, "P-w", Eligible)).Refusals));
        // Dated before the consent (and the commitment), which were given at 08:00.
        var early = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-late", Eligible with { At = SiteKit.Start.AddMinutes(-30) });
        Assert.Equal(
        [
            "participant 'P-late' had not consented at the enrollment time 2026-01-10T07:30:00.000000Z",
            "the enrollment time 2026-01-10T07:30:00.000000Z is before the allocation list was committed (2026-01-10T08:00:00.000000Z)",
        ], early.Refusals.ToArray());
        var future = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-late", Eligible with { At = SiteKit.Start.AddDays(1) });
        Assert.Equal("the enrollment time 2026-01-11T08:00:00.000000Z is in the future (now 2026-01-10T09:00:00.000000Z)", Assert.Single(future.Refusals));
        Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, "P-late", Eligible with { At = SiteKit.Start.AddMinutes(30) })).IsEnrolled);
    }

    [Fact]
    public async Task Enrolling_twice_returns_the_first_allocation()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "rot-01");
        await kit.ReadyAsync("P-001");
        var first = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible);
        kit.Clock.Advance(TimeSpan.FromDays(1));
        var second = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible with { Age = 99 });

        Assert.True(second.AlreadyEnrolled);
        Assert.Equal(first.Allocation, second.Allocation);
        Assert.Equal(1, kit.Count("randomizations"));
        Assert.Equal(1, kit.Count("site_events", "kind = 'EnrollmentBatch'"));
    }

    [Fact]
    public async Task Concurrent_enrollments_take_distinct_positions_in_list_order()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "mun-03");
        var participants = Enumerable.Range(1, 40).Select(i => $"P-{i:D3}").ToArray();
        await kit.ReadyAsync(participants);

        // Each participant is enrolled from two threads at once: one allocation each, 40 positions in all.
        var results = await Task.WhenAll(participants.Concat(participants)
            .Select(p => Task.Run(() => kit.Enrollment.EnrollAsync(kit.TrialId, p, Eligible))));

        Assert.All(results, r => Assert.True(r.IsEnrolled));
        var allocations = participants.Select(p => kit.Enrollment.Find(kit.TrialId, p)!).ToList();
        Assert.Equal(Enumerable.Range(1, 40), allocations.Select(a => a.Position).Order());
        Assert.All(results, r => Assert.Equal(allocations.Single(a => a.ParticipantId == r.Allocation!.ParticipantId), r.Allocation));
        Assert.Equal(40, kit.Count("randomizations"));
        var list = (await kit.Randomization.RevealAsync(kit.TrialId)).Lists["site=3"];
        Assert.All(allocations, a => Assert.Equal(list[a.Position - 1], a.Arm));
    }

    [Fact]
    public async Task Diabetes_enrollment_is_stratified_by_hba1c_group()
    {
        await using var kit = await SiteKit.CreateAsync("diabetes-cgm", "van-03");
        var high = Enumerable.Range(1, 6).Select(i => $"H{i}").ToArray();
        var low = Enumerable.Range(1, 4).Select(i => $"L{i}").ToArray();
        await kit.ReadyAsync([.. high, .. low]);
        foreach (var p in high) kit.Reading(p, HbA1c, 9.2, "%", SiteKit.OnDay(-10));
        foreach (var p in low) kit.Reading(p, HbA1c, 7.9, "%", SiteKit.OnDay(-10));

        // Interleaved, as participants arrive.
        var order = new[] { "H1", "L1", "H2", "H3", "L2", "H4", "L3", "H5", "H6", "L4" };
        foreach (var p in order)
        {
            kit.Clock.Advance(TimeSpan.FromMinutes(5));
            var result = await kit.Enrollment.EnrollAsync(kit.TrialId, p, Diabetes(p[0] == 'H' ? "ge_8_5" : "lt_8_5"));
            Assert.True(result.IsEnrolled, string.Join("; ", result.Refusals));
        }

        var lists = (await kit.Randomization.RevealAsync(kit.TrialId)).Lists;
        const string HighKey = "site=3|hba1c_group=ge_8_5", LowKey = "site=3|hba1c_group=lt_8_5";
        var highAllocations = high.Select(p => kit.Enrollment.Find(kit.TrialId, p)!).ToList();
        var lowAllocations = low.Select(p => kit.Enrollment.Find(kit.TrialId, p)!).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], highAllocations.Select(a => a.Position));
        Assert.Equal([1, 2, 3, 4], lowAllocations.Select(a => a.Position));
        Assert.All(highAllocations, a => Assert.Equal((HighKey, lists[HighKey][a.Position - 1]), (a.Stratum, a.Arm)));
        Assert.All(lowAllocations, a => Assert.Equal((LowKey, lists[LowKey][a.Position - 1]), (a.Stratum, a.Arm)));
        Assert.Equal(1, kit.Count("randomizations", "participant_id = 'H1' AND strata_json = '{\"hba1c_group\":\"ge_8_5\"}'"));

        var summary = kit.Enrollment.Summary(kit.TrialId);
        Assert.Equal(10, summary.Enrolled);
        Assert.Equal(new Dictionary<string, int> { [HighKey] = 6, [LowKey] = 4 }, summary.ByStratum);
        var expectedByArm = kit.Joined.Protocol.Arms.ToDictionary(a => a.Id,
            a => lists[HighKey].Take(6).Count(x => x == a.Id) + lists[LowKey].Take(4).Count(x => x == a.Id));
        Assert.Equal(expectedByArm, summary.ByArm);
        Assert.Equal((10, 0, 0), (summary.ConsentGranted, summary.ConsentWithdrawn, summary.EnrolledWithdrawn));
    }

    [Fact]
    public async Task Strata_levels_and_the_hba1c_criterion_are_checked()
    {
        await using var kit = await SiteKit.CreateAsync("diabetes-cgm", "van-03");
        await kit.ReadyAsync("P-001");
        // "last" in days −30..−1 is the day −5 reading; the day 0 reading is outside the window.
        kit.Reading("P-001", HbA1c, 9.0, "%", SiteKit.OnDay(-20));
        kit.Reading("P-001", HbA1c, 7.2, "%", SiteKit.OnDay(-5));
        kit.Reading("P-001", HbA1c, 8.0, "%", SiteKit.OnDay(0));

        var missing = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible);
        Assert.Equal(
        [
            "stratum 'hba1c_group' is not given (one of lt_8_5, ge_8_5)",
            "last 4548-4 over days -30..-1 is 7.2 %, below the minimum 7.5 (2 readings)",
        ], missing.Refusals.ToArray());
        var wrong = await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", Eligible with
        {
            Strata = ImmutableDictionary<string, string>.Empty.Add("hba1c_group", "high").Add("bmi", "30").Add("site", "2"),
        });
        Assert.Equal(
        [
            "stratum 'hba1c_group': 'high' is not one of lt_8_5, ge_8_5",
            "'bmi' is not a stratification factor of trial 'T2D-CGM-003' (factors: hba1c_group)",
            "stratum 'site' is this site's number, 3, not '2'",
            "last 4548-4 over days -30..-1 is 7.2 %, below the minimum 7.5 (2 readings)",
        ], wrong.Refusals.ToArray());
    }

    [Fact]
    public async Task An_exhausted_list_refuses_further_enrollments()
    {
        await using var kit = await SiteKit.CreateAsync("heart-failure", "rot-01", editProtocol: p =>
        {
            p["planned_sample_size"] = 3;
            return p;
        });
        var commitment = await kit.ReadyAsync();
        var length = commitment.ListLengths["site=1"];
        Assert.InRange(length, 4, 6); // blocks of 2 or 4 until at least 3: 2+2, 2+4, 4
        for (var i = 1; i <= length + 1; i++) kit.Consents.Grant(kit.TrialId, $"P{i}");
        for (var i = 1; i <= length; i++) Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, $"P{i}", Eligible)).IsEnrolled);

        var refused = await kit.Enrollment.EnrollAsync(kit.TrialId, $"P{length + 1}", Eligible);
        Assert.Equal($"the allocation list of stratum site=1 is exhausted: all {length} positions are taken", Assert.Single(refused.Refusals));
    }

    [Fact]
    public async Task The_summary_for_the_sponsor_holds_counts_only()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "den-04");
        var empty = kit.Enrollment.Summary(kit.TrialId);
        Assert.Equal(new EnrollmentSummary(kit.TrialId, 4, 0, empty.ByArm, empty.ByStratum, 0, 0, 0), empty);
        Assert.Equal(new Dictionary<string, int> { ["telemonitoring"] = 0, ["usual_care"] = 0 }, empty.ByArm);
        Assert.Equal(new Dictionary<string, int> { ["site=4"] = 0 }, empty.ByStratum);
        Assert.Equal("this site has not joined trial 'NOPE'", Assert.Throws<InvalidOperationException>(() => kit.Enrollment.Summary("NOPE")).Message);
        Assert.Equal("this site has not joined trial 'NOPE'", Assert.Single((await kit.Enrollment.EnrollAsync("NOPE", "P1", Eligible)).Refusals));
    }
}
