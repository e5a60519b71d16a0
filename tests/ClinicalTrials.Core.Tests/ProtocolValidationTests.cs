using System.Text.Json.Nodes;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Tests.Support;

namespace ClinicalTrials.Core.Tests;

/// <summary>Every way a protocol can be wrong is reported with its JSON path, all errors in one pass.</summary>
public sealed class ProtocolValidationTests
{
    private static ClinicalTrials.Core.Validation.DocumentLoadResult<ProtocolDocument> Broken(Action<JsonObject> edit) =>
        ProtocolDocument.Parse(TestTrials.Mutate("hypertension", "protocol.json", edit), "protocol.json");

    [Fact]
    public void Several_errors_are_reported_at_once_with_exact_paths()
    {
        var result = Broken(p =>
        {
            p["endpoints"]![1]!["loinc"] = "8480";
            p["endpoints"]![0]!["unit"] = "mmHg";
            p["endpoints"]![0]!["follow_up_window"] = new JsonObject { ["start_day"] = 84, ["end_day"] = 77 };
            p["arms"]![1]!["allocation_ratio"] = 0;
            p["arms"]![1]!["id"] = "usual_care";
            p["arms"]![0]!["colour"] = "red";
            p["visits"]![0]!["day"] = 5;
            p["endpoints"]![3]!["source"] = "sbp_chg";
        });
        Assert.Null(result.Document);
        string[] expected =
        [
            "protocol.json: $.arms[0].colour: unknown field 'colour' (allowed: id, name, allocation_ratio, description)",
            "protocol.json: $.arms[1].allocation_ratio: must be greater than 0, found 0",
            "protocol.json: $.arms[1].id: duplicate arm id 'usual_care' (first at $.arms[0].id)",
            "protocol.json: $.visits[0].day: day 5 is outside the visit's window (days -28..-8)",
            "protocol.json: $.endpoints[0].unit: 'mmHg' is not a UCUM unit: unknown symbol 'mmHg' (e.g. mm[Hg], mg/dL, kg, /min, {steps}/d)",
            "protocol.json: $.endpoints[0].follow_up_window: window starts on day 84, after it ends on day 77",
            "protocol.json: $.endpoints[1].loinc: '8480' is not a LOINC code (expected digits, a hyphen and a check digit, e.g. 8480-6)",
            "protocol.json: $.endpoints[3].source: 'sbp_chg' is not the id of an endpoint (ids: sbp_change, dbp_change, sbp_week12, sbp_responder)",
        ];
        // Schema errors come first, then semantic ones; the set is what matters.
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Wrong_loinc_check_digit_is_named()
    {
        var result = Broken(p => p["endpoints"]![0]!["loinc"] = "8480-5");
        TestTrials.HasError(result, "$.endpoints[0].loinc", "'8480-5' is not a LOINC code: its check digit should be 6");
    }

    [Fact]
    public void Unknown_ucum_unit_in_a_covariate_is_reported()
    {
        var result = Broken(p => p["baseline_covariates"]![0]!["unit"] = "mmHg");
        TestTrials.HasError(result, "$.baseline_covariates[0].unit", "'mmHg' is not a UCUM unit");
    }

    [Fact]
    public void Window_start_after_end_is_reported()
    {
        var result = Broken(p => p["endpoints"]![2]!["window"] = new JsonObject { ["start_day"] = 90, ["end_day"] = 80 });
        TestTrials.HasError(result, "$.endpoints[2].window", "window starts on day 90, after it ends on day 80");
    }

    [Fact]
    public void Baseline_window_must_end_by_day_0_and_follow_up_must_come_after_it()
    {
        var result = Broken(p => p["endpoints"]![0]!["baseline_window"] = new JsonObject { ["start_day"] = -7, ["end_day"] = 80 });
        TestTrials.HasError(result, "$.endpoints[0].baseline_window.end_day", "the baseline window must end on or before day 0 (randomization), found day 80");
        TestTrials.HasError(result, "$.endpoints[0].follow_up_window.start_day", "not after the baseline window ends (day 80)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Allocation_ratio_must_be_positive(double ratio)
    {
        var result = Broken(p => p["arms"]![0]!["allocation_ratio"] = ratio);
        TestTrials.HasError(result, "$.arms[0].allocation_ratio", "must be greater than 0");
    }

    [Fact]
    public void Duplicate_ids_are_reported_at_the_later_one()
    {
        var result = Broken(p =>
        {
            p["visits"]![2]!["id"] = "baseline";
            p["sites"]![3]!["id"] = "bos-01";
            p["sites"]![4]!["number"] = 1;
            p["endpoints"]![2]!["id"] = "sbp_change";
        });
        TestTrials.HasError(result, "$.visits[2].id", "duplicate visit id 'baseline' (first at $.visits[1].id)");
        TestTrials.HasError(result, "$.sites[3].id", "duplicate site id 'bos-01' (first at $.sites[0].id)");
        TestTrials.HasError(result, "$.sites[4].number", "duplicate site number '1' (first at $.sites[0].number)");
        TestTrials.HasError(result, "$.endpoints[2].id", "duplicate variable 'sbp_change' in the derived dataset (first defined at $.endpoints[0])");
    }

    [Fact]
    public void Reserved_variable_names_cannot_be_redefined()
    {
        var result = Broken(p => p["baseline_covariates"]![2]!["id"] = "arm");
        TestTrials.HasError(result, "$.baseline_covariates[2].id", "'arm' is reserved");
    }

    [Fact]
    public void Exactly_one_primary_endpoint()
    {
        TestTrials.HasError(Broken(p => p["endpoints"]![1]!["role"] = "primary"), "$.endpoints[1].role", "a second primary endpoint");
        TestTrials.HasError(Broken(p => p["endpoints"]![0]!["role"] = "secondary"), "$.endpoints", "no endpoint has role 'primary'");
    }

    [Fact]
    public void Responder_must_refer_to_a_numeric_endpoint()
    {
        var result = Broken(p => p["endpoints"]![3]!["source"] = "sbp_responder");
        TestTrials.HasError(result, "$.endpoints[3].source", "'sbp_responder' is a responder endpoint; a responder needs a numeric endpoint");
    }

    [Fact]
    public void Block_sizes_must_be_multiples_of_the_allocation_ratios()
    {
        var result = Broken(p => p["randomization"]!["block_sizes"] = new JsonArray(4, 5));
        TestTrials.HasError(result, "$.randomization.block_sizes[1]", "block size 5 is not a multiple of 2, the sum of the allocation ratios (1:1)");
    }

    [Fact]
    public void Eligibility_observation_checks()
    {
        var result = Broken(p =>
        {
            var o = p["eligibility"]!["observations"]![0]!;
            o["min"] = 180;
            o["loinc"] = "8480-0";
            o["window"] = new JsonObject { ["start_day"] = -7, ["end_day"] = 2 };
        });
        TestTrials.HasError(result, "$.eligibility.observations[0].min", "min 180 is greater than max 179");
        TestTrials.HasError(result, "$.eligibility.observations[0].loinc", "its check digit should be 6");
        TestTrials.HasError(result, "$.eligibility.observations[0].window.end_day", "a screening window must end on or before day 0");
    }

    [Fact]
    public void Event_codes_are_checked_per_code_system()
    {
        var result = ProtocolDocument.Parse(TestTrials.Mutate("heart-failure", "protocol.json", p =>
        {
            p["endpoints"]![0]!["events"]![0]!["code"] = "150";
            p["endpoints"]![0]!["events"]![1]!["code"] = "419620002";
        }), "protocol.json");
        TestTrials.HasError(result, "$.endpoints[0].events[0].code", "'150' is not an ICD-10 code");
        TestTrials.HasError(result, "$.endpoints[0].events[1].code", "Verhoeff check digit is wrong");
    }

    [Fact]
    public void Schema_errors_name_the_field_and_the_allowed_values()
    {
        var result = Broken(p =>
        {
            p["phase"] = "5";
            p["alpha"] = "0.05";
            ((JsonObject)p["endpoints"]![2]!).Remove("window");
            p["schema_version"] = 2;
            p["endpoints"]![1]!["id"] = "DBP change";
        });
        TestTrials.HasError(result, "$.phase", "'5' is not one of: 1, 1/2, 2, 2/3, 3, 4, n/a");
        TestTrials.HasError(result, "$.alpha", "must be a number, found the string '0.05'");
        TestTrials.HasError(result, "$.endpoints[2].window", "required field is missing");
        TestTrials.HasError(result, "$.schema_version", "must be 1, found 2");
        TestTrials.HasError(result, "$.endpoints[1].id", "'DBP change' is not an identifier (lowercase letters, digits and '_'");
    }

    [Fact]
    public void Unknown_endpoint_kind_lists_the_kinds()
    {
        var result = Broken(p => p["endpoints"]![2]!["kind"] = "median_in_window");
        TestTrials.HasError(result, "$.endpoints[2].kind", "'median_in_window' is not one of: change_from_baseline, mean_in_window, time_to_event, time_in_range, responder");
    }

    [Fact]
    public void Text_that_is_not_json_gives_line_and_column()
    {
        var result = ProtocolDocument.Parse("{\n  \"trial_id\": \"X\",\n  \"title\": }\n", "p.json");
        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON at line 3, column 12:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_keys_are_rejected()
    {
        var result = ProtocolDocument.Parse("{\"alpha\": 0.05, \"alpha\": 0.025}", "p.json");
        var error = Assert.Single(result.Errors);
        Assert.Contains("Duplicate property 'alpha'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error_not_an_exception()
    {
        var result = ProtocolDocument.Load(Path.Combine(TestTrials.Root, "nope", "protocol.json"));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("cannot read the file:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_null_is_an_error()
    {
        var result = ProtocolDocument.Parse("null", "p.json");
        TestTrials.HasError(result, "$", "must be an object, found null");
    }

    [Fact]
    public void GetDocumentOrThrow_carries_every_error()
    {
        var result = Broken(p => { p["arms"]![0]!["allocation_ratio"] = 0; p["endpoints"]![0]!["loinc"] = "1"; });
        var e = Assert.Throws<ClinicalTrials.Core.Validation.DocumentValidationException>(() => result.GetDocumentOrThrow());
        Assert.Equal(result.Errors.Length, e.Errors.Length);
        Assert.Contains("$.endpoints[0].loinc", e.Message, StringComparison.Ordinal);
    }
}
