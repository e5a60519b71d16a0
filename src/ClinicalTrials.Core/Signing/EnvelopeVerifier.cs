using System.Buffers.Text;
using System.Text;
using ClinicalTrials.Core.Canonical;
using NSec.Cryptography;

namespace ClinicalTrials.Core.Signing;

/// <summary>Verifies <see cref="SignedEnvelope"/>s against trusted keys; never throws for bad input.</summary>
public static class EnvelopeVerifier
{
    private const int SignatureSize = 64;

    /// <summary>Parses and verifies the JSON form of an envelope.</summary>
    public static EnvelopeVerification Verify(string envelopeJson, IVerificationKeyResolver keys)
    {
        SignedEnvelope envelope;
        try { envelope = SignedEnvelope.FromJson(envelopeJson); }
        catch (FormatException e) { return Malformed(e.Message); }
        return Verify(envelope, keys);
    }

    /// <summary>Verifies an envelope.</summary>
    public static EnvelopeVerification Verify(SignedEnvelope envelope, IVerificationKeyResolver keys)
    {
        if (envelope.Payload is null || envelope.KeyId is null || envelope.Algorithm is null || envelope.Signature is null)
            return Malformed("envelope has a missing field");
        if (envelope.Algorithm != EnvelopeSigner.Algorithm)
            return Malformed($"algorithm '{envelope.Algorithm}' is not supported (expected {EnvelopeSigner.Algorithm})");

        byte[] payload = Encoding.UTF8.GetBytes(envelope.Payload);
        try
        {
            // Only the canonical spelling is accepted, so no two payload texts share a signature.
            if (!CanonicalJson.CanonicalizeUtf8(payload).AsSpan().SequenceEqual(payload))
                return Malformed("payload is not in RFC 8785 canonical form");
        }
        catch (CanonicalJsonException e)
        {
            return Malformed($"payload: {e.Message}");
        }

        byte[] signature = new byte[SignatureSize];
        // TryDecodeFromChars throws on invalid characters; IsValid screens them first.
        if (!Base64Url.IsValid(envelope.Signature, out int decodedLength) || decodedLength != SignatureSize
            || !Base64Url.TryDecodeFromChars(envelope.Signature, signature, out int length) || length != SignatureSize)
            return Malformed($"signature is not {SignatureSize} bytes of base64url");
        if (Base64Url.EncodeToString(signature) != envelope.Signature)
            return Malformed("signature is not in canonical base64url (no padding, zero trailing bits)");

        var key = keys.Find(envelope.KeyId);
        if (key is null) return new(VerificationStatus.UnknownKey, $"no trusted key has id '{envelope.KeyId}'");

        return SignatureAlgorithm.Ed25519.Verify(key.Key, EnvelopeSigner.Message(payload), signature)
            ? new(VerificationStatus.Valid, $"signed by {key.KeyId}")
            : new(VerificationStatus.BadSignature, $"signature does not match the payload and key {key.KeyId}");
    }

    private static EnvelopeVerification Malformed(string message) => new(VerificationStatus.Malformed, message);
}
