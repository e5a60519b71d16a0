using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Canonical;

namespace ClinicalTrials.Core.Signing;

/// <summary>Writes the payload embedded as JSON (not as a string) and reads it back in canonical form.</summary>
public sealed class SignedEnvelopeJsonConverter : JsonConverter<SignedEnvelope>
{
    /// <inheritdoc />
    public override SignedEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("an envelope must be a JSON object");
        if (!root.TryGetProperty("payload", out var payload)) throw new JsonException("envelope has no 'payload'");
        string canonical;
        try { canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(payload)); }
        catch (CanonicalJsonException e) { throw new JsonException($"envelope payload: {e.Message}", e); }
        return new SignedEnvelope(canonical, Text(root, "key_id"), Text(root, "algorithm"), Text(root, "signature"));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SignedEnvelope value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("payload");
        writer.WriteRawValue(value.Payload);
        writer.WriteString("key_id", value.KeyId);
        writer.WriteString("algorithm", value.Algorithm);
        writer.WriteString("signature", value.Signature);
        writer.WriteEndObject();
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonException($"envelope has no string '{name}'");
}
