using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>
/// Reads a list of levels whose items may be JSON strings or numbers (<c>["1", "2"]</c> or
/// <c>[1, 2]</c>): R compares factor values as strings, so both mean the same levels.
/// </summary>
public sealed class StringListJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array of levels");
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(SpecValue.Read(ref reader));
        return list;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
