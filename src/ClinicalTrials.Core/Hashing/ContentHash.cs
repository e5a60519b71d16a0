using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Hashing;

/// <summary>
/// SHA-256 of a document's RFC 8785 canonical bytes, so the hash does not depend on member
/// order or whitespace. Written as <c>sha256:</c> followed by 64 lowercase hex digits.
/// </summary>
[JsonConverter(typeof(ContentHashJsonConverter))]
public readonly struct ContentHash : IEquatable<ContentHash>
{
    /// <summary>Digest length in bytes.</summary>
    public const int Size = Digest32.Size;

    /// <summary>Prefix of the string form, naming the algorithm.</summary>
    public const string Prefix = "sha256:";

    private readonly Digest32 _digest;

    /// <summary>Wraps an existing 32-byte SHA-256 digest.</summary>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    public ContentHash(ReadOnlySpan<byte> digest) => _digest = Digest32.Read(digest);

    private ContentHash(Digest32 digest) => _digest = digest;

    /// <summary>SHA-256 of bytes that are already canonical (or opaque, e.g. a file). Allocation-free.</summary>
    public static ContentHash OfBytes(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        // The Merkle builder's backend: event batching hashes millions of small events per second,
        // where the BCL one-shot's per-call setup costs about as much as the hash itself.
        Sha256Hasher.HashOnce(data, digest);
        return new ContentHash(digest);
    }

    /// <summary>Hash of a node tree's canonical form.</summary>
    /// <exception cref="CanonicalJsonException">The value has no canonical form.</exception>
    public static ContentHash Of(JsonNode? document) => OfBytes(CanonicalJson.Canonicalize(document));

    /// <summary>Hash of an element's canonical form.</summary>
    /// <exception cref="CanonicalJsonException">The value has no canonical form.</exception>
    public static ContentHash Of(JsonElement document) => OfBytes(CanonicalJson.Canonicalize(document));

    /// <summary>Hash of the canonical form of JSON text.</summary>
    /// <exception cref="CanonicalJsonException">The text is not JSON, or has no canonical form.</exception>
    public static ContentHash OfJsonText(string json) => OfBytes(CanonicalJson.CanonicalizeText(json));

    /// <summary>Writes the 32 digest bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => _digest.CopyTo(destination);

    /// <summary>The 32 digest bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>64 lowercase hex digits, without the prefix.</summary>
    public string ToHex() => _digest.ToHex();

    /// <summary><c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    public override string ToString() => Prefix + ToHex();

    /// <summary>Parses the <c>sha256:&lt;64 hex digits&gt;</c> form.</summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static ContentHash Parse(string text) => TryParse(text, out var hash)
        ? hash
        : throw new FormatException($"'{Truncate(text)}' is not a content hash; expected '{Prefix}' followed by 64 hex digits");

    /// <summary>Parses the <c>sha256:&lt;64 hex digits&gt;</c> form; false if malformed.</summary>
    public static bool TryParse(string? text, out ContentHash hash)
    {
        hash = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!Digest32.TryParseHex(text.AsSpan(Prefix.Length), out var digest)) return false;
        hash = new ContentHash(digest);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ContentHash other) => _digest == other._digest;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContentHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _digest.GetHashCode();

    /// <summary>Same digest.</summary>
    public static bool operator ==(ContentHash left, ContentHash right) => left.Equals(right);

    /// <summary>Different digests.</summary>
    public static bool operator !=(ContentHash left, ContentHash right) => !left.Equals(right);

    private static string Truncate(string? text) => text is null ? "(null)" : text.Length <= 80 ? text : text[..80] + "…";
}
