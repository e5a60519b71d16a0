using System.Security.Cryptography;
using NSec.Cryptography;

namespace ClinicalTrials.Core.Signing;

/// <summary>An Ed25519 public key and its key id. Immutable; safe to share.</summary>
public sealed class VerificationKey
{
    /// <summary>Prefix of every key id, naming the algorithm.</summary>
    public const string KeyIdPrefix = "ed25519:";

    private readonly PublicKey _key;

    private VerificationKey(PublicKey key)
    {
        _key = key;
        KeyId = ComputeKeyId(key.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary><c>ed25519:</c> + the first 16 hex digits of SHA-256(raw public key).</summary>
    public string KeyId { get; }

    internal PublicKey Key => _key;

    /// <summary>Key id of a raw 32-byte Ed25519 public key.</summary>
    public static string ComputeKeyId(ReadOnlySpan<byte> rawPublicKey)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(rawPublicKey, digest);
        return KeyIdPrefix + Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>Wraps an NSec public key.</summary>
    internal static VerificationKey From(PublicKey key) => new(key);

    /// <summary>Imports a raw 32-byte Ed25519 public key.</summary>
    /// <exception cref="KeyFormatException">Not a valid Ed25519 public key.</exception>
    public static VerificationKey FromRaw(ReadOnlySpan<byte> rawPublicKey) =>
        PublicKey.TryImport(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey, out var key)
            ? new VerificationKey(key!)
            : throw new KeyFormatException($"not a raw Ed25519 public key ({rawPublicKey.Length} bytes; expected 32)");

    /// <summary>Imports a SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    /// <exception cref="KeyFormatException">Not an Ed25519 public key PEM.</exception>
    public static VerificationKey ImportPem(string pem) =>
        PublicKey.TryImport(SignatureAlgorithm.Ed25519, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPublicKeyText, out var key)
            ? new VerificationKey(key!)
            : throw new KeyFormatException("not an Ed25519 public key in PEM form (expected -----BEGIN PUBLIC KEY-----)");

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] ToRawBytes() => _key.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string ExportPem() => System.Text.Encoding.ASCII.GetString(_key.Export(KeyBlobFormat.PkixPublicKeyText));

    /// <summary>The key id.</summary>
    public override string ToString() => KeyId;
}
