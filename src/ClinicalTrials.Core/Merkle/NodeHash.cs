using System.Text.Json.Serialization;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Core.Merkle;

/// <summary>A 32-byte Merkle tree hash (leaf, interior node or root); written as 64 lowercase hex digits.</summary>
[JsonConverter(typeof(NodeHashJsonConverter))]
public readonly struct NodeHash : IEquatable<NodeHash>
{
    /// <summary>Hash length in bytes.</summary>
    public const int Size = Digest32.Size;

    private readonly Digest32 _digest;

    /// <summary>Wraps 32 hash bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes.</exception>
    public NodeHash(ReadOnlySpan<byte> bytes) => _digest = Digest32.Read(bytes);

    private NodeHash(Digest32 digest) => _digest = digest;

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => _digest.CopyTo(destination);

    /// <summary>The 32 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>64 lowercase hex digits.</summary>
    public override string ToString() => _digest.ToHex();

    /// <summary>Parses 64 hex digits.</summary>
    /// <exception cref="FormatException">The text is not 64 hex digits.</exception>
    public static NodeHash Parse(string hex) => TryParse(hex, out var hash)
        ? hash
        : throw new FormatException($"'{(hex.Length > 80 ? hex[..80] + "…" : hex)}' is not a Merkle hash; expected 64 hex digits");

    /// <summary>Parses 64 hex digits; false if malformed.</summary>
    public static bool TryParse(string? hex, out NodeHash hash)
    {
        hash = default;
        if (hex is null || !Digest32.TryParseHex(hex, out var digest)) return false;
        hash = new NodeHash(digest);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(NodeHash other) => _digest == other._digest;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _digest.GetHashCode();

    /// <summary>Same hash.</summary>
    public static bool operator ==(NodeHash left, NodeHash right) => left.Equals(right);

    /// <summary>Different hashes.</summary>
    public static bool operator !=(NodeHash left, NodeHash right) => !left.Equals(right);
}
