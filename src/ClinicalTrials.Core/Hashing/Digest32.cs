using System.Buffers;
using System.Buffers.Binary;

namespace ClinicalTrials.Core.Hashing;

/// <summary>
/// 32 bytes held as four big-endian words: a value type with cheap equality and no array,
/// shared by <see cref="ContentHash"/> and the Merkle node hash.
/// </summary>
internal readonly record struct Digest32(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int Size = 32;

    public static Digest32 Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"a SHA-256 digest is {Size} bytes, got {bytes.Length}", nameof(bytes));
        return new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"destination needs {Size} bytes, has {destination.Length}", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, W0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], W1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], W2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], W3);
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Parses exactly 64 hex digits (either case).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out Digest32 digest)
    {
        digest = default;
        if (hex.Length != 2 * Size) return false;
        Span<byte> bytes = stackalloc byte[Size];
        // One vectorized call: proofs carry dozens of hashes, and per-byte parsing dominated reading them.
        if (Convert.FromHexString(hex, bytes, out _, out int written) != OperationStatus.Done || written != Size) return false;
        digest = Read(bytes);
        return true;
    }
}
