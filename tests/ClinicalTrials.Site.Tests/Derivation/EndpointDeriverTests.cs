using ClinicalTrials.Core.Sap;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.Statistics.Engine;
using static ClinicalTrials.Site.Tests.Support.StoreRows;

namespace ClinicalTrials.Site.Tests.Derivation;

public sealed class EndpointDeriverTests : IDisposable
{
    private const string Sbp = "8480-6", Dbp = "8462-4", Cgm = "99504-3", HbA1c = "4548-4";
    private readonly SiteStore _store = SiteStore.InMemory();

    [Fact]
    public void Change_from_baseline_and_window_means_follow_the_windows_inclusively()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "telemonitoring").Randomized("P2", "usual_care");
        // P1: baseline days -7, -5, -2, 0 (the day's last minute) → mean 153; day -8 is outside.
        rows.Reading("P1", Sbp, 150, "mm[Hg]", OnDay(-7, 0)).Reading("P1", Sbp, 152, "mm[Hg]", OnDay(-5))
            .Reading("P1", Sbp, 154, "mm[Hg]", OnDay(-2)).Reading("P1", Sbp, 156, "mm[Hg]", OnDay(0, 23.99))
            .Reading("P1", Sbp, 999, "mm[Hg]", OnDay(-8, 23.99));
        // Follow-up days 77..84 → mean 141; day 85 is outside.
        rows.Reading("P1", Sbp, 140, "mm[Hg]", OnDay(77, 0)).Reading("P1", Sbp, 142, "mm[Hg]", OnDay(80))
            .Reading("P1", Sbp, 138, "mm[Hg]", OnDay(82)).Reading("P1", Sbp, 144, "mm[Hg]", OnDay(84, 23.99))
            .Reading("P1", Sbp, 10, "mm[Hg]", OnDay(85, 0));
        // Three diastolic readings at baseline: fewer than the 4 required.
        rows.Reading("P1", Dbp, 90, "mm[Hg]", OnDay(-3)).Reading("P1", Dbp, 92, "mm[Hg]", OnDay(-2)).Reading("P1", Dbp, 94, "mm[Hg]", OnDay(-1));
        // P2: a full baseline, three follow-up readings.
        rows.Readings("P2", Sbp, "mm[Hg]", [(160, OnDay(-6)), (160, OnDay(-4)), (160, OnDay(-3)), (160, OnDay(-1))]);
        rows.Readings("P2", Sbp, "mm[Hg]", [(150, OnDay(78)), (150, OnDay(79)), (150, OnDay(80))]);

        var result = new EndpointDeriver(_store).Derive(trial, null);
        var t = result.Dataset.Table;

        Assert.Equal(["P1", "P2"], result.Dataset.ParticipantIds);
        Assert.Equal(-12, t["sbp_change"].Number(0), 12);
        Assert.Equal(141, t["sbp_week12"].Number(0), 12);
        Assert.Equal(153, t["sbp_baseline"].Number(0), 12);
        Assert.Equal(1, t["sbp_responder"].Number(0));
        Assert.True(double.IsNaN(t["dbp_change"].Number(0)));
        Assert.True(double.IsNaN(t["dbp_baseline"].Number(0)));
        Assert.Equal(160, t["sbp_baseline"].Number(1), 12);
        Assert.True(double.IsNaN(t["sbp_change"].Number(1)));
        Assert.True(double.IsNaN(t["sbp_responder"].Number(1)));
        Assert.Equal(("telemonitoring", "usual_care"), (t["arm"].Key(0), t["arm"].Key(1)));

        var change = result.Columns.Single(c => c.Name == "sbp_change");
        Assert.Equal(1, change.Present);
        Assert.Equal(1, change.Missing["follow-up: fewer than 4 readings in days 77..84"]);
        Assert.Equal(1, result.Columns.Single(c => c.Name == "sbp_responder").Missing["source endpoint 'sbp_change' missing"]);
        Assert.Equal(2, result.Columns.Single(c => c.Name == "dbp_change").Missing.Values.Sum());
    }

    [Fact]
    public void The_columns_are_the_protocols_derived_dataset_for_every_example_trial()
    {
        foreach (var name in new[] { "hypertension", "heart-failure", "diabetes-cgm" })
        {
            var trial = ExampleTrials.Join(name, 1);
            var table = new EndpointDeriver(_store).Derive(trial, null).Dataset.Table;
            var expected = trial.Protocol.DerivedDataset().Names.ToList();
            Assert.Equal(expected.Where(n => n != "site").Order(), table.ColumnNames.Where(n => n != "site").Order());
            Assert.Contains("site", table.ColumnNames);
        }
    }

    [Fact]
    public void Last_takes_the_latest_reading_in_the_window()
    {
        var trial = ExampleTrials.Join("diabetes-cgm", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "cgm_guided", strataJson: """{"hba1c_group":"ge_8_5"}""")
            .Reading("P1", HbA1c, 9.1, "%", OnDay(-20)).Reading("P1", HbA1c, 8.9, "%", OnDay(-2))
            .Reading("P1", HbA1c, 8.1, "%", OnDay(84, 1)).Reading("P1", HbA1c, 7.9, "%", OnDay(90)).Reading("P1", HbA1c, 5.0, "%", OnDay(92));

        var t = new EndpointDeriver(_store).Derive(trial, null).Dataset.Table;

        Assert.Equal(7.9, t["hba1c_week12"].Number(0), 12);
        Assert.Equal(8.9, t["hba1c_baseline"].Number(0), 12);
        Assert.Equal("ge_8_5", t["hba1c_group"].Key(0));
    }

    [Fact]
    public void Time_in_range_counts_the_limits_as_in_range_and_needs_coverage()
    {
        var trial = ExampleTrials.Join("diabetes-cgm", 1);
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "cgm_guided").Randomized("P2", "usual_care");
        // Days 71..84 are 14 days; a CGM gives 288 readings a day, so 70% coverage is 2,822.4 readings.
        // P1: 3,000 readings, of which 2,000 in 70..180 (both limits included) → 66.67 %.
        var p1 = Enumerable.Range(0, 3000).Select(i => (Value: i < 1000 ? 70.0 : i < 2000 ? 180.0 : i < 2500 ? 69.9 : 180.1, At: OnDay(71).AddMinutes(5 * i)));
        rows.Readings("P1", Cgm, "mg/dL", p1);
        // P2: 2,800 readings in range: below the coverage threshold.
        rows.Readings("P2", Cgm, "mg/dL", Enumerable.Range(0, 2800).Select(i => (100.0, OnDay(71).AddMinutes(5 * i))));

        var result = new EndpointDeriver(_store).Derive(trial, null);
        var t = result.Dataset.Table;

        Assert.Equal(200.0 / 3, t["tir"].Number(0), 10);
        Assert.Equal(0, t["tir_responder"].Number(0));
        Assert.True(double.IsNaN(t["tir"].Number(1)));
        Assert.Equal(1, result.Columns.Single(c => c.Name == "tir").Missing["coverage below 70% in days 71..84"]);
        Assert.Equal((3000 * 0 + 1000 * 70 + 1000 * 180 + 500 * 69.9 + 500 * 180.1) / 3000, t["mean_glucose"].Number(0), 10);
    }

    [Fact]
    public void Time_to_event_takes_the_first_qualifying_event_and_censors_at_last_contact()
    {
        var trial = ExampleTrials.Join("heart-failure", 1);
        var rows = new StoreRows(_store, trial.TrialId);
        foreach (var p in new[] { "P1", "P2", "P3", "P4", "P5", "P6" }) rows.Randomized(p, "remote_monitoring");
        rows.Event("P1", "icd10", "I50.9", OnDay(30)).Died("P1", OnDay(100));                      // HF admission day 30 → 31
        rows.Reading("P2", "29463-7", 80, "kg", OnDay(200)).Event("P2", "icd10", "I10", OnDay(20));  // no qualifying event; contact day 200 → 201
        rows.Died("P3", OnDay(50));                                                                   // death day 50 → 51 in both endpoints
        rows.Event("P4", "icd10", "I50", OnDay(400));                                                 // after 365 days → censored at 365
        rows.Event("P5", "icd10", "I50.1", OnDay(-10));                                               // before randomization: ignored; never seen after → 1
        rows.Event("P6", "icd10", "I509", OnDay(3)).Event("P6", "icd10", "I5", OnDay(1));             // "I509" matches I50; "I5" does not

        var t = new EndpointDeriver(_store).Derive(trial, null).Dataset.Table;

        double[] time = [.. Enumerable.Range(0, 6).Select(i => t["hf_hosp_or_death_time"].Number(i))];
        double[] events = [.. Enumerable.Range(0, 6).Select(i => t["hf_hosp_or_death_event"].Number(i))];
        Assert.Equal([31, 201, 51, 365, 1, 4], time);
        Assert.Equal([1, 0, 1, 0, 0, 1], events);
        Assert.Equal((101.0, 1.0), (t["death_time"].Number(0), t["death_event"].Number(0)));
        Assert.Equal((51.0, 1.0), (t["death_time"].Number(2), t["death_event"].Number(2)));
        Assert.Equal((201.0, 0.0), (t["death_time"].Number(1), t["death_event"].Number(1)));
    }

    [Fact]
    public void A_cutoff_leaves_out_later_data()
    {
        var trial = ExampleTrials.Join("heart-failure", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Reading("P1", "29463-7", 80, "kg", OnDay(10)).Event("P1", "icd10", "I50.0", OnDay(30));

        var atLock = new EndpointDeriver(_store).Derive(trial, new DateTimeOffset(OnDay(20)));
        Assert.Equal((11.0, 0.0), (atLock.Dataset.Table["hf_hosp_or_death_time"].Number(0), atLock.Dataset.Table["hf_hosp_or_death_event"].Number(0)));

        var later = new EndpointDeriver(_store).Derive(trial, new DateTimeOffset(OnDay(35)));
        Assert.Equal((31.0, 1.0), (later.Dataset.Table["hf_hosp_or_death_time"].Number(0), later.Dataset.Table["hf_hosp_or_death_event"].Number(0)));
    }

    [Fact]
    public void A_withdrawal_after_the_cutoff_still_excludes_the_participant_from_a_derivation_at_that_cutoff()
    {
        var trial = ExampleTrials.Join("heart-failure", 1);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care").Randomized("P2", "usual_care")
            .Reading("P1", "29463-7", 80, "kg", OnDay(10)).Consent("P1", "withdraw", OnDay(40));

        var atLock = new EndpointDeriver(_store).Derive(trial, new DateTimeOffset(OnDay(20)));
        var now = new EndpointDeriver(_store).Derive(trial, null);

        // Issue 6: after withdrawal the participant's data is excluded from every later analysis.
        Assert.Equal(["P2"], atLock.Dataset.ParticipantIds);
        Assert.Equal(1, atLock.ExcludedWithdrawn);
        Assert.Equal(["P2"], now.Dataset.ParticipantIds);
        Assert.Equal(1, now.ExcludedWithdrawn);
    }

    [Fact]
    public void Withdrawn_participants_are_excluded_and_re_consented_ones_included()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        new StoreRows(_store, trial.TrialId)
            .Randomized("P1", "usual_care").Randomized("P2", "usual_care").Randomized("P3", "telemonitoring")
            .Consent("P2", "withdraw", OnDay(5))
            .Consent("P3", "withdraw", OnDay(5)).Consent("P3", "grant", OnDay(6));

        var result = new EndpointDeriver(_store).Derive(trial, null);

        Assert.Equal(["P1", "P3"], result.Dataset.ParticipantIds);
        Assert.Equal(1, result.ExcludedWithdrawn);
    }

    [Fact]
    public void Participants_who_were_never_randomized_are_not_rows()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care")
            .Consent("P9", "grant", OnDay(0)).Reading("P9", Sbp, 150, "mm[Hg]", OnDay(0));
        Assert.Equal(["P1"], new EndpointDeriver(_store).Derive(trial, null).Dataset.ParticipantIds);
    }

    [Fact]
    public void Readings_in_another_unit_are_converted_or_reported()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care");
        rows.Readings("P1", Sbp, "mm[Hg]", [(150, OnDay(-6)), (152, OnDay(-5))]);
        rows.Readings("P1", Sbp, "cm[Hg]", [(15.4, OnDay(-4)), (15.6, OnDay(-3))]);
        rows.Readings("P1", Sbp, "kPa", [(20, OnDay(-2))]);
        UnitConversion cmToMm = (loinc, from, to) => from == "cm[Hg]" && to == "mm[Hg]" ? (10, 0) : null;

        var result = new EndpointDeriver(_store, cmToMm).Derive(trial, null);

        Assert.Equal((150 + 152 + 154 + 156) / 4.0, result.Dataset.Table["sbp_baseline"].Number(0), 10);
        Assert.Equal(1, result.UnconvertibleReadings[$"{Sbp} kPa"]);
        var identity = new EndpointDeriver(_store).Derive(trial, null);
        Assert.True(double.IsNaN(identity.Dataset.Table["sbp_baseline"].Number(0)));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var protocolText = File.ReadAllText(Path.Combine(ExampleTrials.Dir("hypertension"), "protocol.json"))
            .Replace("\"statistic\": \"mean\",\n      \"baseline_window\"", "\"statistic\": \"median\",\n      \"baseline_window\"");
        Assert.Contains("\"median\"", protocolText);
        var trial = ExampleTrials.Join("hypertension", 2) with
        {
            Protocol = ClinicalTrials.Core.Protocol.ProtocolDocument.Parse(protocolText, "p.json").Document!,
        };
        var rows = new StoreRows(_store, trial.TrialId).Randomized("P1", "usual_care");
        rows.Readings("P1", Sbp, "mm[Hg]", [(150, OnDay(-6)), (100, OnDay(-5)), (160, OnDay(-4)), (152, OnDay(-3))]);
        rows.Readings("P1", Sbp, "mm[Hg]", [(140, OnDay(78)), (141, OnDay(79)), (142, OnDay(80)), (200, OnDay(81))]);

        var t = new EndpointDeriver(_store).Derive(trial, null).Dataset.Table;

        Assert.Equal(141.5 - 151, t["sbp_change"].Number(0), 12);
    }

    [Fact]
    public void A_derived_table_feeds_the_statistics_engine()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        var rows = new StoreRows(_store, trial.TrialId);
        double[] ages = [41, 52, 63, 74, 55];
        for (var i = 0; i < ages.Length; i++) rows.Randomized($"P{i}", i % 2 == 0 ? "usual_care" : "telemonitoring", age: ages[i]);
        var table = new EndpointDeriver(_store).Derive(trial, null).Dataset.Table;

        var spec = new DescribeSpec { Id = "age", Variable = "age" };
        var run = new FederatedEngine().Run(spec, [table]);

        Assert.Equal(ages.Average(), run.Result["overall"]!["mean"]!.GetValue<double>(), 12);
        Assert.Equal(5, run.Result["overall"]!["n"]!.GetValue<int>());
    }

    public void Dispose() => _store.Dispose();
}
