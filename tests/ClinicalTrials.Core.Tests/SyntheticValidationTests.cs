using System.Text.Json.Nodes;
using ClinicalTrials.Core.Synthetic;
using ClinicalTrials.Core.Tests.Support;

namespace ClinicalTrials.Core.Tests;

/// <summary>Synthetic settings are validated like the documents they simulate.</summary>
public sealed class SyntheticValidationTests
{
    [Fact]
    public void Settings_must_simulate_the_protocol()
    {
        var text = TestTrials.Mutate("diabetes-cgm", "synthetic.json", s =>
        {
            s["sites"]![0]!["site"] = 9;
            s["observations"]![0]!["arm_effects"] = new JsonObject { ["usual_care"] = 0, ["cgm"] = -20 };
            ((JsonArray)s["observations"]!).RemoveAt(1);
            s["strata"]!["hba1c_group"]!["ge_8_5"] = 0.5;
            s["dropout_rate"] = 1.5;
        });
        var result = SyntheticSettings.Parse(text, "synthetic.json", TestTrials.Protocol("diabetes-cgm"));
        TestTrials.HasError(result, "$.dropout_rate", "must be less than 1, found 1.5");
        TestTrials.HasError(result, "$.sites[0].site", "site 9 is not a protocol site (numbers: 1, 2, 3, 4)");
        TestTrials.HasError(result, "$.observations[0].arm_effects", "no value for arm 'cgm_guided'");
        TestTrials.HasError(result, "$.observations[0].arm_effects.cgm", "'cgm' is not an arm of the protocol (arms: usual_care, cgm_guided)");
        TestTrials.HasError(result, "$.observations", "no stream simulates LOINC 4548-4, which the protocol uses at $.eligibility.observations[0]");
        TestTrials.HasError(result, "$.strata.hba1c_group", "level probabilities sum to 1.05, not 1");
    }

    [Fact]
    public void Time_to_event_protocols_need_an_event_model()
    {
        var text = TestTrials.Mutate("heart-failure", "synthetic.json", s => s.Remove("events"));
        var result = SyntheticSettings.Parse(text, "synthetic.json", TestTrials.Protocol("heart-failure"));
        TestTrials.HasError(result, "$.events", "the protocol has a time_to_event endpoint, so an event model is required");
    }

    [Fact]
    public void Units_must_be_the_protocols()
    {
        var text = TestTrials.Mutate("hypertension", "synthetic.json", s => s["observations"]![0]!["unit"] = "kPa");
        var result = SyntheticSettings.Parse(text, "synthetic.json", TestTrials.Protocol("hypertension"));
        TestTrials.HasError(result, "$.observations[0].unit", "'kPa' differs from the protocol's unit 'mm[Hg]' for LOINC 8480-6");
    }
}
