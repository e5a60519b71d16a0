using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;

namespace ClinicalTrials.Core.Signing;

/// <summary>Signs JSON payloads into <see cref="SignedEnvelope"/>s.</summary>
public static class EnvelopeSigner
{
    /// <summary>The only algorithm envelopes use.</summary>
    public const string Algorithm = "Ed25519";

    /// <summary>Domain-separation prefix of every signed message (followed by a 0x00 byte).</summary>
    public const string Context = "ClinicalTrials/v1/envelope";

    /// <summary>Signs the canonical form of <paramref name="payload"/>.</summary>
    /// <exception cref="CanonicalJsonException">The payload has no canonical form.</exception>
    public static SignedEnvelope Sign(JsonNode? payload, SigningKey key) => SignCanonical(CanonicalJson.Canonicalize(payload), key);

    /// <summary>Signs the canonical form of <paramref name="payload"/>.</summary>
    /// <exception cref="CanonicalJsonException">The payload has no canonical form.</exception>
    public static SignedEnvelope Sign(JsonElement payload, SigningKey key) => SignCanonical(CanonicalJson.Canonicalize(payload), key);

    private static SignedEnvelope SignCanonical(byte[] canonicalPayload, SigningKey key)
    {
        byte[] signature = key.Sign(Message(canonicalPayload));
        return new SignedEnvelope(Encoding.UTF8.GetString(canonicalPayload), key.KeyId, Algorithm, Base64Url.EncodeToString(signature));
    }

    /// <summary>The bytes actually signed: context, a 0x00 separator, then the canonical payload.</summary>
    internal static byte[] Message(ReadOnlySpan<byte> canonicalPayload)
    {
        byte[] message = new byte[Context.Length + 1 + canonicalPayload.Length];
        Encoding.ASCII.GetBytes(Context, message);
        canonicalPayload.CopyTo(message.AsSpan(Context.Length + 1));
        return message;
    }
}
