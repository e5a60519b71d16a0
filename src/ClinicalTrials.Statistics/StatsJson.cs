using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Statistics;

/// <summary>
/// JSON options for aggregates and results: snake_case names, and a non-finite number (R's NA)
/// written as <c>null</c> and read back as NaN.
/// </summary>
public static class StatsJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(SapJson.Options)
        {
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        o.Converters.Add(new NullableFiniteDoubleConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    private sealed class NullableFiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
