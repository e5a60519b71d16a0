using System.Text;
using NSec.Cryptography;

namespace ClinicalTrials.Core.Signing;

/// <summary>An Ed25519 private key (held in NSec's protected memory). Dispose it when done.</summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>Length of an Ed25519 private key seed.</summary>
    public const int SeedSize = 32;

    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = VerificationKey.From(key.PublicKey);
    }

    /// <summary>The matching public key.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>The public key's id.</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static SigningKey Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>
    /// The key for a 32-byte seed (RFC 8032 private key). Lets callers draw the seed from an
    /// injected random source, e.g. to make a test or simulated trial reproducible.
    /// </summary>
    /// <exception cref="KeyFormatException">The seed is not 32 bytes.</exception>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed) =>
        Key.TryImport(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, out var key, Exportable())
            ? new SigningKey(key!)
            : throw new KeyFormatException($"an Ed25519 seed is {SeedSize} bytes, got {seed.Length}");

    /// <summary>Imports a PKCS#8 PEM private key (<c>-----BEGIN PRIVATE KEY-----</c>, RFC 8410).</summary>
    /// <exception cref="KeyFormatException">Not an Ed25519 PKCS#8 PEM.</exception>
    public static SigningKey ImportPkcs8Pem(string pem) =>
        Key.TryImport(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPrivateKeyText, out var key, Exportable())
            ? new SigningKey(key!)
            : throw new KeyFormatException("not an Ed25519 private key in PKCS#8 PEM form (expected -----BEGIN PRIVATE KEY-----)");

    /// <summary>PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>, RFC 8410). Unencrypted: protect the file.</summary>
    public string ExportPkcs8Pem() => Encoding.ASCII.GetString(_key.Export(KeyBlobFormat.PkixPrivateKeyText));

    /// <summary>Ed25519 signature (64 bytes) over <paramref name="message"/>.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <summary>Export is allowed so the key can be written to its file.</summary>
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
