using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>The JSON options for SAP documents and analysis specs (snake_case, as the reference kit).</summary>
public static class SapJson
{
    /// <summary>Options for reading and writing specs.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads an <c>analyses.json</c> array.</summary>
    public static IReadOnlyList<AnalysisSpec> ReadAnalyses(string json) =>
        JsonSerializer.Deserialize<List<AnalysisSpec>>(json, Options) ?? throw new JsonException("analyses: expected an array");

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectRequiredConstructorParameters = true,
            WriteIndented = true,
        };
        o.Converters.Add(new StringListJsonConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
