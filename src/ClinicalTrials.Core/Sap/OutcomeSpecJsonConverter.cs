using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Reads an outcome as a column name or as <c>{"name", "event"}</c>; writes the shorter form.</summary>
public sealed class OutcomeSpecJsonConverter : JsonConverter<OutcomeSpec>
{
    /// <inheritdoc />
    public override OutcomeSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new OutcomeSpec(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("an outcome is a column name or an object {\"name\", \"event\"}");
        string? name = null, ev = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name": name = reader.GetString(); break;
                case "event": ev = SpecValue.Read(ref reader); break;
                default: throw new JsonException($"unknown outcome field '{key}'");
            }
        }
        return new OutcomeSpec(name ?? throw new JsonException("an outcome object needs \"name\""), ev);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OutcomeSpec value, JsonSerializerOptions options)
    {
        if (value.Event is null) { writer.WriteStringValue(value.Name); return; }
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WritePropertyName("event");
        SpecValue.Write(writer, value.Event);
        writer.WriteEndObject();
    }
}
