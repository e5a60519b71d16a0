using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Merkle;

/// <summary>Reads and writes a <see cref="NodeHash"/> as a 64-digit hex string.</summary>
public sealed class NodeHashJsonConverter : JsonConverter<NodeHash>
{
    /// <inheritdoc />
    public override NodeHash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return NodeHash.TryParse(text, out var hash) ? hash : throw new JsonException("expected a Merkle hash: a string of 64 hex digits");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, NodeHash value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
