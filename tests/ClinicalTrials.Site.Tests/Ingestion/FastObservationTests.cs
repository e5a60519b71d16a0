using System.Text;
using ClinicalTrials.Site.Ingestion;

namespace ClinicalTrials.Site.Tests.Ingestion;

/// <summary>The fast reader of plain Observations gives exactly what the FHIR SDK gives, and leaves everything else to it.</summary>
public sealed class FastObservationTests
{
    private const string Plain = """{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"1"},{"system":"http://loinc.org","code":"99504-3","display":"Glucose"}]},"subject":{"reference":"Patient/P7"},"effectiveDateTime":"2026-01-01T00:05:00+01:00","device":{"display":"cgm-1"},"valueQuantity":{"value":80.50,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}""";

    public static TheoryData<string> Taken => new()
    {
        Plain,
        Plain.Replace("\"device\":{\"display\":\"cgm-1\"},", ""),
        Plain.Replace("\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"", "\"code\":\"mmol/L\""),
        Plain.Replace("\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"", "\"unit\":\"mg per dl\""),
        Plain.Replace("\"subject\":{\"reference\":\"Patient/P7\"}", "\"subject\":{\"reference\":\"Group/2\"}"),
        Plain.Replace(",\"valueQuantity\":{\"value\":80.50,\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}", ""),
        Plain.Replace("80.50", "1e2"),
        Plain.Replace("\"status\":\"final\"", "\"status\":\"preliminary\""),
        Plain.Replace("\"device\":{\"display\":\"cgm-1\"}", "\"device\":{\"reference\":\"Device/9\",\"display\":\"cgm-1\"}"),
        Plain.Replace("\"effectiveDateTime\":\"2026-01-01T00:05:00+01:00\"", "\"effectiveDateTime\":\"2026-01-01T00:05:00\""),
    };

    public static TheoryData<string> LeftToTheSdk => new()
    {
        Plain.Replace("\"status\":\"final\"", "\"status\":\"entered-in-error\""),
        Plain.Replace("\"status\":\"final\"", "\"status\":\"done\""),
        Plain.Replace("\"id\":\"o1\",", "\"id\":\"o1\",\"meta\":{\"versionId\":\"2\"},"),
        Plain.Replace("\"id\":\"o1\",", "\"id\":\"o1\",\"id\":\"o2\","),
        Plain.Replace("80.50", "\"80.5\""),
        Plain.Replace("\"resourceType\":\"Observation\"", "\"resourceType\":\"Patient\""),
        Plain.Replace("\"effectiveDateTime\":\"2026-01-01T00:05:00+01:00\"", "\"effectivePeriod\":{\"start\":\"2026-01-01T00:05:00Z\"}"),
        Plain.Replace("\"valueQuantity\":{", "\"valueQuantity\":{\"comparator\":\"<\","),
        Plain.Replace("\"code\":{\"coding\":", "\"code\":{\"text\":\"glucose\",\"coding\":"),
        Plain[..^1],
        Plain + " {}",
    };

    [Theory]
    [MemberData(nameof(Taken))]
    public void What_it_reads_is_what_the_SDK_reads(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(FastObservation.TryRead(bytes, out _, out _, out _, out _, out _, out _));
        var fast = FhirFiles.ParseOne(FhirFiles.Deserializer(), 3, bytes);
        var sdk = FhirFiles.ParseWithSdk(FhirFiles.Deserializer(), 3, bytes);
        Assert.Null(sdk.Problems);
        Assert.Equal(sdk.Readings, fast.Readings);
    }

    [Theory]
    [MemberData(nameof(LeftToTheSdk))]
    public void Anything_else_goes_to_the_SDK(string json) =>
        Assert.False(FastObservation.TryRead(Encoding.UTF8.GetBytes(json), out _, out _, out _, out _, out _, out _));
}
