using ClinicalTrials.Core.Terminology;
using ClinicalTrials.Site.Units;

namespace ClinicalTrials.Site.Tests.Units;

public sealed class UnitNormalizerTests
{
    private readonly UnitNormalizer _units = new(LoincCatalog.Default);

    [Theory]
    // Glucose: 1 mmol/L × 180.156 g/mol = 180.156 mg/L = 18.0156 mg/dL.
    [InlineData("2345-7", "mmol/L", 5.5, 99.0858)]
    [InlineData("99504-3", "mmol/L", 10, 180.156)]
    [InlineData("2345-7", "g/L", 1, 100)]
    // Weight: the avoirdupois pound is 0.45359237 kg exactly.
    [InlineData("29463-7", "[lb_av]", 180, 81.6466266)]
    [InlineData("29463-7", "g", 72500, 72.5)]
    // Temperature: (°F − 32) × 5/9.
    [InlineData("8310-5", "[degF]", 98.6, 37)]
    [InlineData("8310-5", "K", 310.15, 37)]
    // Pressure: UCUM defines mm[Hg] as 133.322 Pa.
    [InlineData("8480-6", "kPa", 16, 120.010201)]
    [InlineData("8302-2", "[in_i]", 70, 177.8)]
    // HbA1c: NGSP % = 0.09148 × IFCC mmol/mol + 2.152.
    [InlineData("4548-4", "mmol/mol", 53, 7.00044)]
    public void Converts_to_the_codes_canonical_unit(string loinc, string unit, double value, double expected)
    {
        var verdict = _units.ToCanonical(loinc, unit);
        Assert.Null(verdict.Reason);
        Assert.Equal(LoincCatalog.Default.Find(loinc)!.Unit, verdict.Unit);
        Assert.Equal(expected, value * verdict.Scale + verdict.Offset, 6);
    }

    [Theory]
    [InlineData("8480-6", "kg", "does not measure the same thing as mm[Hg]")]
    [InlineData("29463-7", "mmol/L", "does not measure the same thing as kg")]
    [InlineData("8480-6", "mmHg", "not a UCUM unit")]
    [InlineData("8480-6", "mg//dL", "not a UCUM unit")]
    [InlineData("8867-4", "beats per minute", "not a UCUM unit")]
    public void Refuses_units_that_do_not_fit_and_says_why(string loinc, string unit, string expected)
    {
        var verdict = _units.ToCanonical(loinc, unit);
        Assert.NotNull(verdict.Reason);
        Assert.Contains(expected, verdict.Reason);
    }

    [Fact]
    public void A_code_outside_the_catalog_keeps_its_valid_unit()
    {
        var verdict = _units.ToCanonical("1234-5", "mg/dL");
        Assert.Equal(("mg/dL", 1.0, 0.0, (string?)null), (verdict.Unit, verdict.Scale, verdict.Offset, verdict.Reason));
    }

    [Fact]
    public void Mass_to_substance_needs_the_molar_mass_of_the_analyte()
    {
        Assert.Equal(1 / 18.0156, _units.Linear("2345-7", "mg/dL", "mmol/L")!.Value.Scale, 12);
        Assert.Null(_units.Linear("29463-7", "mmol/L", "kg"));
    }

    [Fact]
    public void Every_catalogued_code_and_unit_is_valid()
    {
        foreach (var entry in LoincCatalog.Default.Entries)
        {
            Assert.True(Loinc.IsValid(entry.Loinc), entry.Loinc);
            Assert.True(Ucum.IsValid(entry.Unit), $"{entry.Loinc}: {entry.Unit}");
            Assert.True(entry.Panel || (entry.Min < entry.Max), entry.Loinc);
        }
    }
}
