using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Units;

/// <summary>
/// The LOINC codes a site normalises (embedded <c>loinc-catalog.json</c>, with its provenance):
/// canonical unit, molar mass where substance and mass concentrations meet, plausible range.
/// </summary>
public sealed class LoincCatalog
{
    private readonly FrozenDictionary<string, LoincEntry> _entries;

    /// <summary>Creates a catalog of <paramref name="entries"/>.</summary>
    public LoincCatalog(IEnumerable<LoincEntry> entries) =>
        _entries = entries.ToFrozenDictionary(e => e.Loinc, StringComparer.Ordinal);

    /// <summary>The embedded catalog.</summary>
    public static LoincCatalog Default { get; } = Load();

    /// <summary>Every entry.</summary>
    public IEnumerable<LoincEntry> Entries => _entries.Values;

    /// <summary>The entry of <paramref name="loinc"/>, or null when the code is not catalogued.</summary>
    public LoincEntry? Find(string loinc) => _entries.GetValueOrDefault(loinc);

    private static LoincCatalog Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ClinicalTrials.Site.Units.loinc-catalog.json")
            ?? throw new InvalidOperationException("embedded loinc-catalog.json is missing");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream) ?? throw new InvalidOperationException("loinc-catalog.json is empty");
        return new LoincCatalog(file.Codes);
    }

    private sealed record CatalogFile([property: JsonPropertyName("codes")] ImmutableArray<LoincEntry> Codes);
}
