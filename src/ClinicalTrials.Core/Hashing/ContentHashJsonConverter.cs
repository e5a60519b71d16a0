using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Hashing;

/// <summary>Reads and writes a <see cref="ContentHash"/> as its <c>sha256:…</c> string.</summary>
public sealed class ContentHashJsonConverter : JsonConverter<ContentHash>
{
    /// <inheritdoc />
    public override ContentHash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ContentHash.TryParse(text, out var hash)
            ? hash
            : throw new JsonException($"expected a content hash string '{ContentHash.Prefix}<64 hex digits>'");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ContentHash value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
