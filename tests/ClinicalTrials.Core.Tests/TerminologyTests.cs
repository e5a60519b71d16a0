using ClinicalTrials.Core.Terminology;
using FsCheck.Xunit;

namespace ClinicalTrials.Core.Tests;

/// <summary>LOINC check digits, SNOMED CT Verhoeff digits, ICD-10 form and UCUM units.</summary>
public sealed class TerminologyTests
{
    [Theory]
    [InlineData("8480-6")]   // systolic BP
    [InlineData("8462-4")]   // diastolic BP
    [InlineData("29463-7")]  // body weight
    [InlineData("8867-4")]   // heart rate
    [InlineData("55284-4")]  // BP panel
    [InlineData("2345-7")]   // glucose, serum/plasma
    [InlineData("4548-4")]   // HbA1c
    [InlineData("99504-3")]  // glucose, interstitial fluid (CGM)
    [InlineData("41950-7")]  // steps in 24 h
    [InlineData("1-8")]      // the shortest LOINC code
    public void Known_loinc_codes_are_accepted(string code) => Assert.Null(Loinc.Explain(code));

    [Theory]
    [InlineData("8480", "is not a LOINC code (expected digits")]
    [InlineData("8480-5", "its check digit should be 6")]
    [InlineData("99504-4", "its check digit should be 3")]
    [InlineData("LP1234-5", "is not a LOINC code (expected digits")]
    [InlineData("12345678-9", "is not a LOINC code (expected digits")]
    public void Malformed_loinc_codes_are_rejected(string code, string why) =>
        Assert.Contains(why, Loinc.Explain(code), StringComparison.Ordinal);

    [Property]
    public bool Appending_the_check_digit_makes_a_valid_code(uint n) =>
        Loinc.IsValid(Loinc.WithCheckDigit((n % 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Property]
    public bool Any_single_digit_change_is_detected(uint n, byte position, byte delta)
    {
        var code = Loinc.WithCheckDigit((n % 10_000_000 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var digitPositions = Enumerable.Range(0, code.Length).Where(i => code[i] != '-').ToArray();
        var i = digitPositions[position % digitPositions.Length];
        var changed = (char)('0' + (code[i] - '0' + 1 + delta % 9) % 10);
        return !Loinc.IsValid(code[..i] + changed + code[(i + 1)..]);
    }

    [Property]
    public bool Check_digit_equals_luhn(uint n)
    {
        var digits = (n % 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Luhn: double every second digit from the right, starting with the rightmost.
        var sum = digits.Reverse().Select((c, i) => { var d = (c - '0') * (i % 2 == 0 ? 2 : 1); return d > 9 ? d - 9 : d; }).Sum();
        return Loinc.CheckDigit(digits) == (10 - sum % 10) % 10;
    }

    [Theory]
    [InlineData("419620001")] // death
    [InlineData("84114007")]  // heart failure
    [InlineData("44054006")]  // type 2 diabetes mellitus
    [InlineData("38341003")]  // hypertensive disorder
    [InlineData("22298006")]  // myocardial infarction
    [InlineData("195967001")] // asthma
    [InlineData("386661006")] // fever
    public void Known_snomed_concepts_are_accepted(string code) => Assert.Null(Snomed.Explain(code));

    [Theory]
    [InlineData("419620002")]
    [InlineData("84114008")]
    [InlineData("012345")]
    public void Bad_snomed_ids_are_rejected(string code) => Assert.NotNull(Snomed.Explain(code));

    [Theory]
    [InlineData("I50", true)]
    [InlineData("I50.9", true)]
    [InlineData("E11.65", true)]
    [InlineData("150", false)]
    [InlineData("I5", false)]
    [InlineData("i50", false)]
    public void Icd10_form(string code, bool valid) => Assert.Equal(valid, Icd10.Explain(code) is null);

    [Theory]
    [InlineData("mm[Hg]")]
    [InlineData("mg/dL")]
    [InlineData("kg")]
    [InlineData("/min")]
    [InlineData("{steps}/d")]
    [InlineData("%")]
    [InlineData("mmol/mol")]
    [InlineData("kg/m2")]
    [InlineData("10*3/uL")]
    [InlineData("mL/min/{1.73_m2}")]
    [InlineData("ug/(kg.min)")]
    [InlineData("s-1")]
    public void Ucum_units_are_accepted(string unit) => Assert.Null(Ucum.Explain(unit));

    [Theory]
    [InlineData("mmHg", "unknown symbol 'mmHg'")]
    [InlineData("bpm", "unknown symbol 'bpm'")]
    [InlineData("kmin", "unknown symbol 'kmin'")] // min takes no prefix
    [InlineData("mg/dx", "unknown symbol 'dx'")]
    [InlineData("mg//dL", "malformed expression")]
    [InlineData("mg/", "malformed expression")]
    [InlineData("{steps", "malformed expression")]
    [InlineData("mg dL", "without spaces")]
    [InlineData("", "without spaces")]
    public void Non_ucum_units_are_rejected(string unit, string why) =>
        Assert.Contains(why, Ucum.Explain(unit), StringComparison.Ordinal);
}
