using ClinicalTrials.Site.Ingestion;

namespace ClinicalTrials.Site.Tests.Ingestion;

public sealed class FhirIngestionTests : IDisposable
{
    private readonly IngestKit _kit = new();

    private static string Bp(string id, string patient, double sys, double dia, string time) => $$$"""
        {"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/{{{patient}}}"},"effectiveDateTime":"{{{time}}}","device":{"display":"cuff-9"},"component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":{{{sys}}},"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":{{{dia}}},"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}
        """;

    private static string Quantity(string id, string patient, string loinc, string value, string ucum, string time, string status = "final") => $$$"""
        {"resourceType":"Observation","id":"{{{id}}}","status":"{{{status}}}","code":{"coding":[{"system":"http://loinc.org","code":"{{{loinc}}}"}]},"subject":{"reference":"Patient/{{{patient}}}"},"effectiveDateTime":"{{{time}}}","valueQuantity":{"value":{{{value}}},"system":"http://unitsofmeasure.org","code":"{{{ucum}}}"}}
        """;

    [Fact]
    public async Task NDJSON_observations_patients_and_conditions_are_loaded_and_bad_lines_quarantined()
    {
        var lines = new[]
        {
            Bp("bp1", "P1", 142, 91, "2026-01-05T07:30:00+01:00"),                                   // 1: two readings
            Quantity("g1", "P1", "99504-3", "7.2", "mmol/L", "2026-01-05T07:35:00Z"),                  // 2: glucose → mg/dL
            """{"resourceType":"Patient","id":"P1","gender":"female","birthDate":"1961-04-02"}""",    // 3
            """{"resourceType":"Patient","id":"P2","gender":"male","deceasedDateTime":"2026-03-04T10:00:00Z"}""", // 4
            """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/P2"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I50.9"}]},"onsetDateTime":"2026-02-01T12:00:00Z"}""", // 5
            "{\"resourceType\":\"Observation\", \"status\": ",                                         // 6: truncated JSON
            """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"IMP"}}""",  // 7: not ingested
            Quantity("x1", "P1", "8480-6", "150", "mm[Hg]", "2026-01-05T07:40:00Z", "entered-in-error"), // 8
            Quantity("x2", "P9", "8480-6", "150", "mm[Hg]", "2026-01-05T07:40:00"),                    // 9: no offset
            """{"resourceType":"Observation","id":"x3","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"subject":{"reference":"Group/7"},"effectiveDateTime":"2026-01-05T07:40:00Z","valueQuantity":{"value":150,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}}""", // 10
            "",                                                                                        // 11: blank, skipped
            Bp("bp2", "P2", 128, 84, "2026-01-06T07:30:00Z"),                                          // 12
        };
        var file = _kit.Write("export.ndjson", string.Join("\n", lines) + "\n");

        var summary = await _kit.IngestAsync(file);

        // Readings 4 (two panels) + 1 glucose; patients 2; conditions 1.
        Assert.Equal(8, summary.Loaded);
        Assert.Equal(5, summary.Quarantined);
        Assert.Equal(0, summary.Duplicates);
        var bp = _kit.Rows("SELECT participant_id, loinc, value, effective_time, device, source_line FROM observations WHERE loinc IN ('8480-6','8462-4') ORDER BY source_line, loinc DESC");
        Assert.Equal(["P1", "8480-6", 142.0, new DateTime(2026, 1, 5, 6, 30, 0), "cuff-9", 1L], bp[0]);
        Assert.Equal(["P1", "8462-4", 91.0, new DateTime(2026, 1, 5, 6, 30, 0), "cuff-9", 1L], bp[1]);
        Assert.Equal(4, bp.Count);
        Assert.Equal(7.2 * 18.0156, (double)_kit.Rows("SELECT value FROM observations WHERE loinc = '99504-3'")[0][0]!, 9);
        Assert.Equal(["F", new DateOnly(1961, 4, 2), null], _kit.Rows("SELECT sex, birth_date, deceased_time FROM participants WHERE participant_id = 'P1'")[0]);
        Assert.Equal(new DateTime(2026, 3, 4, 10, 0, 0), _kit.Rows("SELECT deceased_time FROM participants WHERE participant_id = 'P2'")[0][0]);
        Assert.Equal(["P2", "icd10", "I50.9", 5L], _kit.Rows("SELECT participant_id, system, code, source_line FROM clinical_events")[0]);

        var q = _kit.Quarantine().OrderBy(x => x.Line).ToList();
        Assert.Equal([6L, 7, 8, 9, 10], q.Select(x => x.Line!.Value));
        Assert.Contains("not valid", q[0].Reason);
        Assert.Equal(("resourceType", "Encounter resources are not ingested (Observation, Patient and Condition are)"), (q[1].Field, q[1].Reason));
        Assert.Equal("Observation.status", q[2].Field);
        Assert.Equal("Observation.effective[x]", q[3].Field);
        Assert.Contains("no UTC offset in '2026-01-05T07:40:00'", q[3].Reason);
        Assert.Equal("Observation.subject", q[4].Field);
    }

    [Fact]
    public async Task A_bad_component_is_quarantined_by_its_path_and_its_sibling_is_kept()
    {
        var bad = Bp("bp1", "P1", 142, 91, "2026-01-05T07:30:00Z").Replace("\"code\":\"mm[Hg]\"}},{", "\"code\":\"kg\"}},{");
        var summary = await _kit.IngestAsync(_kit.Write("one.ndjson", bad + "\n"));

        Assert.Equal((1L, 1L), (summary.Loaded, summary.Quarantined));
        var q = Assert.Single(_kit.Quarantine());
        Assert.Equal((1L, "Observation.component[0].valueQuantity.code"), (q.Line!.Value, q.Field!));
        Assert.Equal("8462-4", _kit.Rows("SELECT loinc FROM observations")[0][0]);
    }

    [Fact]
    public async Task A_bundle_is_read_entry_by_entry()
    {
        var bundle = $$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{{{Quantity("w1", "P5", "29463-7", "176", "[lb_av]", "2026-01-07T08:00:00Z")}}}},
              {"resource":{{{Quantity("w2", "P5", "29463-7", "0", "kg", "2026-01-08T08:00:00Z")}}}},
              {"resource":{"resourceType":"Patient","id":"P5","gender":"other"}}
            ]}
            """;
        var summary = await _kit.IngestAsync(_kit.Write("bundle.json", bundle));

        Assert.Equal((2L, 1L), (summary.Loaded, summary.Quarantined));
        Assert.Equal(176 * 0.45359237, (double)_kit.Rows("SELECT value FROM observations")[0][0]!, 9);
        var q = Assert.Single(_kit.Quarantine());
        Assert.Equal((2L, "Observation.valueQuantity.value"), (q.Line!.Value, q.Field!));
        Assert.Contains("outside the plausible range 0.5..500 kg", q.Reason);
        Assert.Null(_kit.Rows("SELECT sex FROM participants WHERE participant_id = 'P5'")[0][0]);
    }

    [Fact]
    public async Task The_same_export_twice_adds_nothing_and_a_re_export_counts_duplicates()
    {
        var first = string.Join("\n", Bp("a", "P1", 140, 90, "2026-01-05T07:30:00Z"), """{"resourceType":"Patient","id":"P1","gender":"male"}""");
        var file = _kit.Write("a.ndjson", first);
        await _kit.IngestAsync(file);

        var again = await _kit.IngestAsync(file);
        Assert.True(again.AlreadyIngested);
        Assert.Equal(3, again.Duplicates);

        var reexport = await _kit.IngestAsync(_kit.Write("b.ndjson", first + "\n" + Quantity("h", "P1", "8867-4", "72", "/min", "2026-01-05T07:31:00Z")));
        Assert.Equal((1L, 0L, 3L), (reexport.Loaded, reexport.Quarantined, reexport.Duplicates));
    }

    public void Dispose() => _kit.Dispose();
}
