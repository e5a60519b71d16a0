using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Tests.Support;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Tests;

/// <summary>SAP errors: its own consistency and its fit to the protocol's derived dataset.</summary>
public sealed class SapValidationTests
{
    private static DocumentLoadResult<SapDocument> Broken(string trial, Action<JsonObject> edit) =>
        SapDocument.Parse(TestTrials.Mutate(trial, "sap.json", edit), "sap.json", TestTrials.Protocol(trial));

    [Fact]
    public void Several_errors_are_reported_at_once_with_exact_paths()
    {
        var result = Broken("hypertension", s =>
        {
            s["analyses"]![0]!["terms"]![0]!["levels"] = new JsonArray("control", "telemonitoring");
            s["analyses"]![1]!["outcome"] = "sbp_chg";
            s["analyses"]![2]!["group"] = "sbp_baseline";
            s["analyses"]![3]!["levels"] = new JsonArray("usual_care", "placebo");
            s["analyses"]![6]!["outcome_event"] = 2;
            s["analyses"]![4]!["id"] = "sbp_ancova";
            s["interim"]!["information_fractions"] = new JsonArray(0.6, 0.5);
            s["protocol"]!["version"] = "1.1";
        });
        string[] expected =
        [
            "sap.json: $.analyses[0].terms[0].levels: factor levels of 'arm' must be the arm ids [usual_care, telemonitoring] (in any order, the reference first), found [control, telemonitoring]",
            "sap.json: $.analyses[1].outcome: 'sbp_chg' is not a variable of the protocol's derived dataset (variables: arm, site, sbp_change, dbp_change, sbp_week12, sbp_responder, sbp_baseline, dbp_baseline, age, sex)",
            "sap.json: $.analyses[2].group: 'sbp_baseline' is numeric; a categorical variable (arm, site, a stratum, a 0/1 endpoint) is needed here",
            "sap.json: $.analyses[3].levels[1]: 'placebo' is not a level of 'arm' (levels: usual_care, telemonitoring)",
            "sap.json: $.analyses[4].id: duplicate analysis id 'sbp_ancova' (first at $.analyses[0].id)",
            "sap.json: $.analyses[6].outcome_event: '2' is not a level of 'sbp_responder' (levels: 0, 1)",
            "sap.json: $.interim.information_fractions[1]: information fractions must increase: 0.5 follows 0.6",
            "sap.json: $.interim.information_fractions[1]: the last look is the final analysis, at information fraction 1, found 0.5",
            "sap.json: $.protocol.version: '1.1' does not match the protocol's version '1.0.0'",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Primary_must_name_an_analysis_of_the_primary_endpoint()
    {
        TestTrials.HasError(Broken("hypertension", s => s["primary"] = "sbp_main"), "$.primary", "'sbp_main' is not the id of an analysis");
        TestTrials.HasError(Broken("hypertension", s => s["primary"] = "dbp_ancova"), "$.primary",
            "the primary analysis 'dbp_ancova' does not analyse the protocol's primary endpoint 'sbp_change' (sbp_change)");
    }

    [Fact]
    public void Interim_plan_checks()
    {
        var result = Broken("heart-failure", s =>
        {
            s["interim"]!["information_fractions"] = new JsonArray(0.5, 1);
            s["interim"]!["alpha"] = 0.025;
            ((JsonObject)s["interim"]!["spending_function"]!).Remove("gamma");
        });
        TestTrials.HasError(result, "$.interim.spending_function.gamma", "required field is missing");
        Assert.Null(result.Document);

        result = Broken("heart-failure", s =>
        {
            s["interim"]!["information_fractions"] = new JsonArray(0.5, 1);
            s["interim"]!["alpha"] = 0.025;
            s["interim"]!["spending_function"] = new JsonObject { ["type"] = "pocock", ["gamma"] = 1 };
        });
        TestTrials.HasError(result, "$.interim.information_fractions", "2 information fractions for 3 looks");
        TestTrials.HasError(result, "$.interim.alpha", "0.025 differs from the protocol's alpha 0.05");
        TestTrials.HasError(result, "$.interim.spending_function.gamma", "gamma applies only to the hsd spending function");
    }

    [Fact]
    public void Missing_site_rule_checks()
    {
        TestTrials.HasError(Broken("hypertension", s => ((JsonObject)s["missing_sites"]!).Remove("min_sites")), "$.missing_sites.min_sites", "required field is missing");
        TestTrials.HasError(Broken("hypertension", s => s["missing_sites"]!["min_sites"] = 9), "$.missing_sites.min_sites", "9 exceeds the protocol's 5 sites");
        TestTrials.HasError(Broken("heart-failure", s => s["missing_sites"]!["min_sites"] = 2), "$.missing_sites.min_sites", "min_sites applies only to the rule proceed_with_exclusion");
    }

    [Fact]
    public void Survival_analyses_need_time_and_event_columns()
    {
        var result = Broken("heart-failure", s =>
        {
            s["analyses"]![0]!["time"] = "age";
            s["analyses"]![1]!["event"] = "arm";
            s["analyses"]![2]!["times"] = new JsonArray(90, 400);
            s["analyses"]![3]!["term"] = "armremote";
        });
        TestTrials.HasError(result, "$.analyses[0].time", "'age' is numeric; a follow-up time (the _time column of a time_to_event endpoint) is needed here");
        TestTrials.HasError(result, "$.analyses[1].event", "'arm' is categorical; name the level that counts as the event");
        TestTrials.HasError(result, "$.analyses[2].times[1]", "day 400 is past the end of follow-up of 'hf_hosp_or_death' (365 days)");
        TestTrials.HasError(result, "$.analyses[3].term", "'armremote' is not a coefficient of the per-site cox model (coefficients: armremote_monitoring)");
    }

    [Fact]
    public void Meta_per_site_variables_are_checked_with_their_path()
    {
        var result = Broken("diabetes-cgm", s => s["analyses"]![2]!["per_site"]!["outcome"] = "responder");
        TestTrials.HasError(result, "$.analyses[2].per_site.outcome", "'responder' is not a variable of the protocol's derived dataset");
    }

    [Fact]
    public void Trial_id_must_match_the_protocol()
    {
        var result = Broken("diabetes-cgm", s => { s["trial_id"] = "T2D-CGM-999"; s["protocol"]!["trial_id"] = "T2D-CGM-999"; });
        TestTrials.HasError(result, "$.trial_id", "'T2D-CGM-999' does not match the protocol's trial_id 'T2D-CGM-003'");
        TestTrials.HasError(result, "$.protocol.trial_id", "'T2D-CGM-999' does not match the protocol's trial_id 'T2D-CGM-003'");
    }

    [Fact]
    public void Analysis_specs_follow_the_reference_table()
    {
        var result = Broken("hypertension", s =>
        {
            ((JsonObject)s["analyses"]![2]!).Remove("welch");
            s["analyses"]![0]!["strata_as_factor"] = "region";
            s["analyses"]![3]!["extra"] = true;
            s["analyses"]![6]!["strata"] = "country";
            s["analyses"]![7]!["terms"]![0]!["type"] = "ordinal";
            s["analyses"]![5]!["type"] = "or2x2";
        });
        TestTrials.HasError(result, "$.analyses[2].welch", "required field is missing");
        TestTrials.HasError(result, "$.analyses[0].strata_as_factor", "'region' is not one of: site");
        TestTrials.HasError(result, "$.analyses[3].extra", "unknown field 'extra' (allowed: id, type, title, variable, by, levels)");
        TestTrials.HasError(result, "$.analyses[6].strata", "'country' is not one of: site");
        TestTrials.HasError(result, "$.analyses[7].terms[0].type", "'ordinal' is not one of: numeric, factor");
        TestTrials.HasError(result, "$.analyses[5].type", "'or2x2' is not one of: describe, ttest, chisq, cmh, lm, logistic, cox, logrank, km, meta");
    }

    [Fact]
    public void Factor_terms_need_levels()
    {
        var result = Broken("hypertension", s => ((JsonObject)s["analyses"]![0]!["terms"]![0]!).Remove("levels"));
        TestTrials.HasError(result, "$.analyses[0].terms[0].levels", "required field is missing");
    }

    [Fact]
    public void Sap_alone_is_checked_without_a_protocol()
    {
        var result = SapDocument.Parse(TestTrials.Mutate("hypertension", "sap.json", s => s["analyses"]![1]!["outcome"] = "sbp_chg"), "sap.json");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
