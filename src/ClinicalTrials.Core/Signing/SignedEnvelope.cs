using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Signing;

/// <summary>
/// A signed JSON document. The signature is Ed25519 over
/// <c>UTF-8("ClinicalTrials/v1/envelope") || 0x00 || canonical payload</c>, so a signature made
/// for another purpose or protocol version can never verify as an envelope. JSON form:
/// <c>{"payload":{…},"key_id":"ed25519:…","algorithm":"Ed25519","signature":"base64url"}</c>
/// with the payload embedded as JSON.
/// </summary>
/// <param name="Payload">The payload's RFC 8785 canonical JSON text.</param>
/// <param name="KeyId">Id of the signing key (<see cref="VerificationKey.KeyId"/>).</param>
/// <param name="Algorithm">Always <see cref="EnvelopeSigner.Algorithm"/>.</param>
/// <param name="Signature">The 64-byte signature, base64url without padding.</param>
[JsonConverter(typeof(SignedEnvelopeJsonConverter))]
public sealed record SignedEnvelope(string Payload, string KeyId, string Algorithm, string Signature)
{
    /// <summary>The JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads the JSON form (the embedded payload is re-canonicalized).</summary>
    /// <exception cref="FormatException">The text is not an envelope; the message says which part is wrong.</exception>
    public static SignedEnvelope FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SignedEnvelope>(json) ?? throw new FormatException("envelope: expected an object, got null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"envelope: {e.Message}", e);
        }
    }
}
