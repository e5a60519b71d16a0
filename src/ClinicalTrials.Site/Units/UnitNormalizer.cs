using System.Collections.Concurrent;
using Fhir.Metrics;

namespace ClinicalTrials.Site.Units;

/// <summary>
/// Converts readings between UCUM units for a LOINC code. Commensurable units (lb → kg, kPa →
/// mm[Hg], g/L → mg/dL) are converted through UCUM's definitions (Fhir.Metrics, at 16 significant
/// digits); substance to mass concentration (mmol/L → mg/dL) uses the catalogued molar mass;
/// temperatures (Cel, K, [degF]), which UCUM defines by functions Fhir.Metrics does not evaluate,
/// and analyte-specific conversions (HbA1c mmol/mol → %) use exact affine maps.
/// </summary>
public sealed class UnitNormalizer(LoincCatalog catalog)
{
    private const string One = "1.000000000000000";
    private static readonly Lazy<SystemOfUnits> Units = new(UCUM.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock UcumLock = new();

    // Kelvin = value × scale + offset.
    private static readonly Dictionary<string, (double Scale, double Offset)> Temperatures = new(StringComparer.Ordinal)
    {
        ["K"] = (1, 0),
        ["Cel"] = (1, 273.15),
        ["[degF]"] = (5.0 / 9, 459.67 * 5 / 9),
    };

    private readonly ConcurrentDictionary<(string Loinc, string From, string To), UnitVerdict> _cache = new();

    /// <summary>The catalog in use.</summary>
    public LoincCatalog Catalog => catalog;

    /// <summary>How a reading of <paramref name="loinc"/> in <paramref name="unit"/> is stored.</summary>
    public UnitVerdict ToCanonical(string loinc, string unit)
    {
        if (ClinicalTrials.Core.Terminology.Ucum.Explain(unit) is { } bad) return UnitVerdict.Refuse(unit, bad);
        var entry = catalog.Find(loinc);
        return entry is null ? new UnitVerdict(unit, 1, 0, null) : Convert(loinc, unit, entry.Unit);
    }

    /// <summary>How a reading of <paramref name="loinc"/> in <paramref name="from"/> becomes one in <paramref name="to"/>.</summary>
    public UnitVerdict Convert(string loinc, string from, string to) =>
        _cache.GetOrAdd((loinc, from, to), key => Compute(key.Loinc, key.From, key.To));

    /// <summary>The conversion as the derivation takes it (null when not convertible).</summary>
    public (double Scale, double Offset)? Linear(string loinc, string from, string to) =>
        Convert(loinc, from, to) is { Reason: null } v ? (v.Scale, v.Offset) : null;

    private UnitVerdict Compute(string loinc, string from, string to)
    {
        if (from == to) return new UnitVerdict(to, 1, 0, null);
        if (ClinicalTrials.Core.Terminology.Ucum.Explain(from) is { } badFrom) return UnitVerdict.Refuse(to, badFrom);
        var entry = catalog.Find(loinc);
        if (entry is not null && entry.Unit == to && entry.Alternatives.FirstOrDefault(a => a.Unit == from) is { } alternative)
            return new UnitVerdict(to, alternative.Scale, alternative.Offset, null);
        if (Temperatures.TryGetValue(from, out var f) && Temperatures.TryGetValue(to, out var t))
            return new UnitVerdict(to, f.Scale / t.Scale, (f.Offset - t.Offset) / t.Scale, null);
        if (Canonical(from) is not { } a || Canonical(to) is not { } b)
            return UnitVerdict.Refuse(to, $"'{from}' cannot be converted to {to} for LOINC {loinc}");
        if (a.Metric == b.Metric) return new UnitVerdict(to, (double)(a.Value / b.Value), 0, null);
        if (entry?.MolarMass is { } molarMass && Canonical("mol/m3") is { } molPerCubicMetre)
        {
            // Amount per volume (canonical m-3, counted in particles) to mass per volume (g.m-3), and back,
            // through mol/m3 so that Avogadro's number cancels.
            var grams = (decimal)molarMass;
            if (a.Metric == "m-3" && b.Metric == "g.m-3") return new UnitVerdict(to, (double)(a.Value / molPerCubicMetre.Value * grams / b.Value), 0, null);
            if (a.Metric == "g.m-3" && b.Metric == "m-3") return new UnitVerdict(to, (double)(a.Value / grams * molPerCubicMetre.Value / b.Value), 0, null);
        }
        return UnitVerdict.Refuse(to, $"'{from}' does not measure the same thing as {to} (LOINC {loinc} is stored in {to})");
    }

    private static (string Metric, decimal Value)? Canonical(string unit)
    {
        try
        {
            lock (UcumLock)
            {
                var system = Units.Value;
                var q = system.Canonical(system.Quantity(One, unit));
                return (q.Metric.ToString(), q.Value.ToDecimal());
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }
}
