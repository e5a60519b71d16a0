using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Reads a JSON string or number as its R string form (for event values and levels).</summary>
public sealed class SpecValueJsonConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => SpecValue.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => SpecValue.Write(writer, value);
}
