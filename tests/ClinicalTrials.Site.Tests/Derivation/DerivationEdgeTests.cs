using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.Site.Units;
using ClinicalTrials.Statistics.Engine;
using static ClinicalTrials.Site.Tests.Support.StoreRows;

namespace ClinicalTrials.Site.Tests.Derivation;

/// <summary>Edge cases of the derivation, each on a few hand-made rows with hand-computed values.</summary>
public sealed class DerivationEdgeTests : IDisposable
{
    private const string Sbp = "8480-6", HbA1c = "4548-4", Weight = "29463-7", Glucose = "2339-0";
    private readonly SiteStore _store = SiteStore.InMemory();

    /// <summary>An example trial whose protocol text has <paramref name="from"/> replaced by <paramref name="to"/> (the edit must apply and keep the protocol valid).</summary>
    private static JoinedTrial Variant(string name, string from, string to)
    {
        var text = File.ReadAllText(Path.Combine(ExampleTrials.Dir(name), "protocol.json"));
        Assert.Contains(from, text);
        var parsed = ProtocolDocument.Parse(text.Replace(from, to, StringComparison.Ordinal), "protocol.json");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return ExampleTrials.Join(name, 1) with { Protocol = parsed.Document! };
    }

    private DerivationResult Derive(JoinedTrial trial, DateTime? cutoff = null, UnitConversion? convert = null) =>
        new EndpointDeriver(_store, convert).Derive(trial, cutoff is { } c ? new DateTimeOffset(c) : null);

    /// <summary>Four equal readings in each SBP window, so the change is exactly follow-up − baseline.</summary>
    private static StoreRows Sbps(StoreRows rows, string participant, double baseline, double? followUp)
    {
        rows.Readings(participant, Sbp, "mm[Hg]", [(baseline, OnDay(-7)), (baseline, OnDay(-6)), (baseline, OnDay(-5)), (baseline, OnDay(-4))]);
        if (followUp is { } f) rows.Readings(participant, Sbp, "mm[Hg]", [(f, OnDay(77)), (f, OnDay(78)), (f, OnDay(79)), (f, OnDay(80))]);
        return rows;
    }

    private static double[] Numbers(DerivationResult r, string column) =>
        [.. Enumerable.Range(0, r.Dataset.Table.RowCount).Select(i => r.Dataset.Table[column].Number(i))];

    [Theory]
    // Changes: P1 −10 (exactly the threshold), P2 −12, P3 −8, P4 missing (no follow-up).
    [InlineData("<=", 1, 1, 0)]
    [InlineData("<", 0, 1, 0)]
    [InlineData(">=", 1, 0, 1)]
    [InlineData(">", 0, 0, 1)]
    public void Responder_applies_each_operator_and_is_missing_with_its_source(string op, double p1, double p2, double p3)
    {
        var trial = Variant("hypertension", "\"operator\": \"<=\"", $"\"operator\": \"{op}\"");
        var rows = new StoreRows(_store, trial.TrialId);
        foreach (var p in new[] { "P1", "P2", "P3", "P4" }) rows.Randomized(p, "usual_care");
        Sbps(rows, "P1", 150, 140);
        Sbps(rows, "P2", 152, 140);
        Sbps(rows, "P3", 148, 140);
        Sbps(rows, "P4", 150, null);

        var result = Derive(trial);

        Assert.Equal([-10, -12, -8, double.NaN], Numbers(result, "sbp_change"));
        Assert.Equal([p1, p2, p3, double.NaN], Numbers(result, "sbp_responder"));
        var report = result.Columns.Single(c => c.Name == "sbp_responder");
        Assert.Equal(3, report.Present);
        Assert.Equal(1, report.Missing["source endpoint 'sbp_change' missing"]);
    }

    [Fact]
    public void Last_at_a_shared_instant_takes_the_larger_reading()
    {
        var trial = ExampleTrials.Join("diabetes-cgm", 1);
        // The two readings of day 88 are stored in either order, so that storage order cannot decide.
        new StoreRows(_store, trial.TrialId).Randomized("P1", "cgm_guided").Randomized("P2", "cgm_guided")
            .Reading("P1", HbA1c, 8.0, "%", OnDay(85)).Reading("P1", HbA1c, 8.4, "%", OnDay(88)).Reading("P1", HbA1c, 8.1, "%", OnDay(88))
            .Reading("P1", HbA1c, 6.0, "%", OnDay(87))
            .Reading("P2", HbA1c, 8.1, "%", OnDay(88)).Reading("P2", HbA1c, 8.4, "%", OnDay(88));

        Assert.Equal([8.4, 8.4], Numbers(Derive(trial), "hba1c_week12"));
    }

    [Theory]
    [InlineData("min", 138)]
    [InlineData("max", 146)]
    [InlineData("median", 142)]
    public void Min_max_and_median_of_a_window(string statistic, double expected)
    {
        var trial = Variant("hypertension", "\"id\": \"sbp_week12\",", $"\"id\": \"sbp_week12\", \"statistic\": \"{statistic}\",");
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Readings("P1", Sbp, "mm[Hg]", [(146, OnDay(77)), (138, OnDay(78)), (142, OnDay(79)), (140, OnDay(80)), (144, OnDay(84, 23.99)), (100, OnDay(85, 0))]);

        Assert.Equal(expected, Derive(trial).Dataset.Table["sbp_week12"].Number(0), 12);
    }

    [Fact]
    public void Time_in_range_of_a_code_without_a_known_rate_needs_days_with_a_reading()
    {
        // Glucose in blood (2339-0) has no expected rate: coverage = days with a reading / 14 days.
        // With min_coverage 0.5, 7 days are just enough and 6 are not.
        var trial = Variant("diabetes-cgm",
            "\"loinc\": \"99504-3\",\n      \"unit\": \"mg/dL\",\n      \"window\": { \"start_day\": 71, \"end_day\": 84 },\n      \"range\": { \"low\": 70, \"high\": 180 },\n      \"min_coverage\": 0.7",
            "\"loinc\": \"2339-0\",\n      \"unit\": \"mg/dL\",\n      \"window\": { \"start_day\": 71, \"end_day\": 84 },\n      \"range\": { \"low\": 70, \"high\": 180 },\n      \"min_coverage\": 0.5");
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "cgm_guided").Randomized("P2", "cgm_guided");
        // P1: 7 days (71, 73, …, 83), two readings on day 71: 8 readings, 5 of them in 70..180 → 62.5 %.
        rows.Readings("P1", Glucose, "mg/dL", [(70, OnDay(71, 8)), (181, OnDay(71, 20)), (180, OnDay(73)), (69, OnDay(75)), (100, OnDay(77)), (120, OnDay(79)), (250, OnDay(81)), (150, OnDay(83))]);
        // P2: 6 days, many readings each.
        foreach (var day in new[] { 71, 72, 73, 74, 75, 76 })
            rows.Readings("P2", Glucose, "mg/dL", Enumerable.Range(0, 24).Select(h => (100.0, OnDay(day, h))));

        var result = Derive(trial);

        Assert.Equal(62.5, result.Dataset.Table["tir"].Number(0), 12);
        Assert.True(double.IsNaN(result.Dataset.Table["tir"].Number(1)));
        Assert.Equal(1, result.Columns.Single(c => c.Name == "tir").Missing["coverage below 50% in days 71..84"]);
    }

    [Fact]
    public void Time_in_range_without_readings_says_so()
    {
        var trial = ExampleTrials.Join("diabetes-cgm", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "cgm_guided");

        var result = Derive(trial);

        Assert.Equal(1, result.Columns.Single(c => c.Name == "tir").Missing["no readings in days 71..84"]);
        Assert.Equal(1, result.Columns.Single(c => c.Name == "tir_baseline").Missing["no readings in days -14..-1"]);
        Assert.Equal(1, result.Columns.Single(c => c.Name == "tir_responder").Missing["source endpoint 'tir' missing"]);
    }

    [Fact]
    public void Values_outside_the_protocols_levels_are_missing_with_the_value_in_the_reason()
    {
        var diabetes = ExampleTrials.Join("diabetes-cgm", 1);
        new StoreRows(_store, diabetes.TrialId)
            .Randomized("P1", "cgm_guided", strataJson: """{"hba1c_group":"ge_8_5"}""")
            .Randomized("P2", "placebo", strataJson: """{"hba1c_group":"high"}""")
            .Randomized("P3", "usual_care", strataJson: "{}")
            .Randomized("P4", "usual_care", strataJson: "not json");
        var hypertension = ExampleTrials.Join("hypertension", 1);
        new StoreRows(_store, hypertension.TrialId).Randomized("Q1", "usual_care", sex: "M").Randomized("Q2", "usual_care", sex: "U");

        var d = Derive(diabetes);
        var h = Derive(hypertension);

        Assert.Equal(["cgm_guided", null, "usual_care", "usual_care"], Enumerable.Range(0, 4).Select(i => d.Dataset.Table["arm"].Key(i)));
        Assert.Equal(["ge_8_5", null, null, null], Enumerable.Range(0, 4).Select(i => d.Dataset.Table["hba1c_group"].Key(i)));
        Assert.Equal(1, d.Columns.Single(c => c.Name == "arm").Missing["arm 'placebo' is not one of usual_care, cgm_guided"]);
        var strata = d.Columns.Single(c => c.Name == "hba1c_group").Missing;
        Assert.Equal(1, strata["hba1c_group 'high' is not one of lt_8_5, ge_8_5"]);
        Assert.Equal(1, strata["hba1c_group not recorded at enrollment"]);
        Assert.Equal(1, strata["strata_json is not a JSON object of levels"]);
        Assert.Equal(["M", null], Enumerable.Range(0, 2).Select(i => h.Dataset.Table["sex"].Key(i)));
        Assert.Equal(1, h.Columns.Single(c => c.Name == "sex").Missing["sex 'U' is not one of F, M"]);
    }

    [Fact]
    public void Participants_randomized_after_the_cutoff_are_not_rows()
    {
        var trial = ExampleTrials.Join("hypertension", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care").Randomized("P2", "usual_care", at: OnDay(30));

        var atLock = Derive(trial, OnDay(20));

        Assert.Equal(["P1"], atLock.Dataset.ParticipantIds);
        Assert.Equal(1, atLock.RandomizedAfterCutoff);
        Assert.Equal(["P1", "P2"], Derive(trial).Dataset.ParticipantIds);
    }

    [Fact]
    public void A_grant_and_a_withdrawal_at_the_same_instant_exclude()
    {
        var trial = ExampleTrials.Join("hypertension", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care").Randomized("P2", "usual_care")
            .Consent("P1", "withdraw", OnDay(5)).Consent("P1", "grant", OnDay(5));

        var result = Derive(trial);

        Assert.Equal(["P2"], result.Dataset.ParticipantIds);
        Assert.Equal(1, result.ExcludedWithdrawn);
    }

    [Fact]
    public void The_latest_consent_action_decides_whatever_the_cutoff()
    {
        // Withdrawn, then consenting again: included, also in a derivation at a lock between the two.
        var trial = ExampleTrials.Join("hypertension", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Consent("P1", "withdraw", OnDay(10)).Consent("P1", "grant", OnDay(30));

        Assert.Equal(["P1"], Derive(trial, OnDay(20)).Dataset.ParticipantIds);
        Assert.Equal(["P1"], Derive(trial).Dataset.ParticipantIds);
    }

    [Fact]
    public void A_cutoff_leaves_out_later_readings_and_keeps_one_at_the_cutoff()
    {
        var trial = ExampleTrials.Join("hypertension", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Readings("P1", Sbp, "mm[Hg]", [(140, OnDay(77)), (142, OnDay(78)), (144, OnDay(79)), (146, OnDay(80)), (300, OnDay(80, 12.5))]);

        var atLock = Derive(trial, OnDay(80));

        Assert.Equal(143, atLock.Dataset.Table["sbp_week12"].Number(0), 12);
        Assert.Equal((140 + 142 + 144 + 146 + 300) / 5.0, Derive(trial).Dataset.Table["sbp_week12"].Number(0), 12);
    }

    [Fact]
    public void Time_to_event_at_the_follow_up_limit_and_on_the_day_of_randomization()
    {
        var trial = ExampleTrials.Join("heart-failure", 1);
        var rows = new StoreRows(_store, trial.TrialId);
        foreach (var p in new[] { "P1", "P2", "P3", "P4", "P5" }) rows.Randomized(p, "usual_care");
        rows.Event("P1", "icd10", "I50.9", OnDay(364));                          // time 365 ≤ 365: an event
        rows.Event("P2", "icd10", "I50.9", OnDay(365));                          // time 366 > 365: censored at 365
        rows.Reading("P3", Weight, 80, "kg", OnDay(500));                          // contact after the limit: censored at 365
        rows.Event("P4", "icd10", "i50.1", OnDay(0, 8));                          // randomized at 10:00; same date counts: time 1
        rows.Event("P5", "snomed", "4196200011", OnDay(7)).Event("P5", "icd10", "I51", OnDay(8)); // neither matches; contact day 8

        var r = Derive(trial);

        Assert.Equal([365, 365, 365, 1, 9], Numbers(r, "hf_hosp_or_death_time"));
        Assert.Equal([1, 0, 0, 1, 0], Numbers(r, "hf_hosp_or_death_event"));
    }

    [Fact]
    public void Death_ends_follow_up_of_an_endpoint_it_is_not_part_of_and_other_events_are_contacts()
    {
        // An endpoint of heart-failure admissions only: a death censors there.
        var trial = Variant("heart-failure",
            ",\n        { \"system\": \"snomed\", \"code\": \"419620001\", \"description\": \"Death from any cause\" }\n      ],\n      \"censoring\": { \"at\": \"last_contact\", \"max_follow_up_days\": 365 }\n    },\n    {\n      \"id\": \"death\"",
            "\n      ],\n      \"censoring\": { \"at\": \"last_contact\", \"max_follow_up_days\": 365 }\n    },\n    {\n      \"id\": \"death\"");
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care").Randomized("P2", "usual_care")
            .Reading("P1", Weight, 80, "kg", OnDay(10)).Died("P1", OnDay(40))
            .Event("P2", "icd10", "I50.9", OnDay(20)).Reading("P2", Weight, 80, "kg", OnDay(50));

        var r = Derive(trial);

        Assert.Equal([41, 21], Numbers(r, "hf_hosp_or_death_time"));
        Assert.Equal([0, 1], Numbers(r, "hf_hosp_or_death_event"));
        Assert.Equal([41, 51], Numbers(r, "death_time"));
        Assert.Equal([1, 0], Numbers(r, "death_event"));
    }

    [Fact]
    public void Unconvertible_readings_are_named_in_the_reason_and_an_affine_conversion_applies_scale_and_offset()
    {
        var trial = ExampleTrials.Join("heart-failure", 1);
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care").Randomized("P2", "usual_care");
        // P1: 80 kg and two readings in a made-up unit "[x]" converted as 2 × value + 1: 2 × 39.5 + 1 = 80, 2 × 41 + 1 = 83.
        rows.Readings("P1", Weight, "kg", [(80, OnDay(-3))]).Readings("P1", Weight, "[x]", [(39.5, OnDay(-2)), (41, OnDay(-1))]);
        // P2: only stone, which the conversion refuses.
        rows.Readings("P2", Weight, "[stone_av]", [(12, OnDay(-2)), (12.5, OnDay(-1))]);
        UnitConversion convert = (loinc, from, to) => loinc == Weight && from == "[x]" && to == "kg" ? (2, 1) : null;

        var r = Derive(trial, convert: convert);

        Assert.Equal(81, r.Dataset.Table["weight_baseline"].Number(0), 12);
        Assert.True(double.IsNaN(r.Dataset.Table["weight_baseline"].Number(1)));
        Assert.Equal(1, r.Columns.Single(c => c.Name == "weight_baseline").Missing["no usable readings in days -7..0 (only readings in units not convertible to kg)"]);
        Assert.Equal(2, r.UnconvertibleReadings[$"{Weight} [stone_av]"]);
        Assert.Contains("2 readings of 29463-7 [stone_av] not used: unit not convertible to the endpoint's", r.ReportLines());
    }

    [Fact]
    public void The_sites_unit_normalizer_is_a_conversion()
    {
        // HbA1c stored in IFCC mmol/mol: NGSP % = 0.09148 × 64 + 2.152 = 8.00672 (catalogued master equation).
        var trial = ExampleTrials.Join("diabetes-cgm", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Reading("P1", HbA1c, 9.0, "%", OnDay(-20)).Reading("P1", HbA1c, 64, "mmol/mol", OnDay(-2));

        var r = Derive(trial, convert: new UnitNormalizer(LoincCatalog.Default).Linear);

        Assert.Equal(8.00672, r.Dataset.Table["hba1c_baseline"].Number(0), 12);
        Assert.Empty(r.UnconvertibleReadings);
    }

    [Fact]
    public void Columns_and_reports_follow_the_derived_dataset_order_for_every_example_trial()
    {
        foreach (var name in new[] { "hypertension", "heart-failure", "diabetes-cgm" })
        {
            var trial = ExampleTrials.Join(name, 3);
            var r = Derive(trial);
            var expected = trial.Protocol.DerivedDataset().Names.Where(n => n != "site").ToList();
            Assert.Equal([.. expected, "site"], r.Dataset.Table.ColumnNames);
            Assert.Equal(expected, r.Columns.Select(c => c.Name));
            Assert.Equal(0, r.Dataset.Table.RowCount);
        }
    }

    [Fact]
    public void A_derived_change_feeds_describe_by_arm()
    {
        // Changes: P1 −12 and P2 −8 (telemonitoring) → mean −10; P3 −2 (usual care); P4 missing.
        var trial = ExampleTrials.Join("hypertension", 4);
        var rows = new StoreRows(_store, trial.TrialId)
            .Randomized("P1", "telemonitoring").Randomized("P2", "telemonitoring").Randomized("P3", "usual_care").Randomized("P4", "usual_care");
        Sbps(rows, "P1", 152, 140);
        Sbps(rows, "P2", 150, 142);
        Sbps(rows, "P3", 150, 148);
        Sbps(rows, "P4", 150, null);
        var table = Derive(trial).Dataset.Table;

        var r = new FederatedEngine().Run(new DescribeSpec { Id = "d", Variable = "sbp_change", By = "arm" }, [table]).Result;

        Assert.Equal(-10, r["by"]!["telemonitoring"]!["mean"]!.GetValue<double>(), 12);
        Assert.Equal(2, r["by"]!["telemonitoring"]!["n"]!.GetValue<int>());
        Assert.Equal(-2, r["by"]!["usual_care"]!["mean"]!.GetValue<double>(), 12);
        Assert.Equal(1, r["by"]!["usual_care"]!["missing"]!.GetValue<int>());
        Assert.Equal(4, table["site"].Number(0));
    }

    public void Dispose() => _store.Dispose();
}
