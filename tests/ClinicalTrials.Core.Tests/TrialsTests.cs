using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Synthetic;
using ClinicalTrials.Core.Tests.Support;

namespace ClinicalTrials.Core.Tests;

/// <summary>The three example trials load, validate against each other and define what their SAPs use.</summary>
public sealed class TrialsTests
{
    public static TheoryData<string> Trials => new(TestTrials.Names);

    [Theory]
    [MemberData(nameof(Trials))]
    public void Protocol_is_valid(string trial)
    {
        var result = ProtocolDocument.Load(TestTrials.PathOf(trial, "protocol.json"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Document.SchemaVersion);
        Assert.Single(result.Document.Endpoints, e => e.Role == EndpointRole.Primary);
    }

    [Theory]
    [MemberData(nameof(Trials))]
    public void Sap_is_valid_against_its_protocol(string trial)
    {
        var protocol = TestTrials.Protocol(trial);
        var result = SapDocument.Load(TestTrials.PathOf(trial, "sap.json"), protocol);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotNull(result.Document.PrimaryAnalysis);
        Assert.Empty(result.Document.CheckAgainst(protocol, "sap.json"));
    }

    [Theory]
    [MemberData(nameof(Trials))]
    public void Synthetic_settings_are_valid_against_the_protocol(string trial)
    {
        var protocol = TestTrials.Protocol(trial);
        var result = SyntheticSettings.Load(TestTrials.PathOf(trial, "synthetic.json"), protocol);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.InRange(result.Document.TotalParticipants, protocol.PlannedSampleSize * 0.9, protocol.PlannedSampleSize * 1.2);
    }

    [Theory]
    [MemberData(nameof(Trials))]
    public void Every_variable_a_sap_analysis_reads_is_in_the_derived_dataset(string trial)
    {
        var dataset = TestTrials.Protocol(trial).DerivedDataset();
        var sap = SapDocument.Load(TestTrials.PathOf(trial, "sap.json")).GetDocumentOrThrow();
        foreach (var analysis in sap.Analyses)
            foreach (var variable in analysis.Variables())
                Assert.True(dataset.Find(variable) is not null, $"{analysis.Id} reads '{variable}'");
    }

    [Fact]
    public void Hypertension_defines_the_primary_change_in_systolic_bp()
    {
        var protocol = TestTrials.Protocol("hypertension");
        var primary = Assert.IsType<ChangeFromBaselineEndpoint>(protocol.PrimaryEndpoint);
        Assert.Equal("8480-6", primary.Loinc);
        Assert.Equal("mm[Hg]", primary.Unit);
        Assert.Equal(new DayWindow { StartDay = -7, EndDay = 0 }, primary.BaselineWindow);
        Assert.Equal(new DayWindow { StartDay = 77, EndDay = 84 }, primary.FollowUpWindow);
        var responder = Assert.IsType<ResponderEndpoint>(protocol.Endpoints.Single(e => e.Id == "sbp_responder"));
        Assert.True(responder.IsResponse(-10));
        Assert.False(responder.IsResponse(-9.9));
    }

    [Fact]
    public void Heart_failure_time_to_event_defines_time_and_event_columns()
    {
        var dataset = TestTrials.Protocol("heart-failure").DerivedDataset();
        Assert.Equal(VariableKind.Time, dataset.Find("hf_hosp_or_death_time")!.Kind);
        Assert.Equal(VariableKind.Binary, dataset.Find("hf_hosp_or_death_event")!.Kind);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], dataset.Find("site")!.Levels.ToArray());
    }

    [Fact]
    public void Diabetes_primary_is_time_in_range_70_to_180_on_interstitial_glucose()
    {
        var protocol = TestTrials.Protocol("diabetes-cgm");
        var tir = Assert.IsType<TimeInRangeEndpoint>(protocol.PrimaryEndpoint);
        Assert.Equal("99504-3", tir.Loinc);
        Assert.Equal("mg/dL", tir.Unit);
        Assert.Equal(new ValueRange { Low = 70, High = 180 }, tir.Range);
        Assert.Equal(["lt_8_5", "ge_8_5"], protocol.DerivedDataset().Find("hba1c_group")!.Levels.ToArray());
    }

    [Fact]
    public void Load_result_keeps_the_text_as_read_for_canonical_hashing()
    {
        var path = TestTrials.PathOf("hypertension", "protocol.json");
        var result = ProtocolDocument.Load(path);
        Assert.Equal(File.ReadAllText(path), result.Text);
        Assert.Equal("HTN-HOME-001", result.ToJsonNode()!["trial_id"]!.GetValue<string>());
    }
}
