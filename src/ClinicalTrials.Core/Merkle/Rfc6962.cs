using System.Security.Cryptography;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// The RFC 6962 (Certificate Transparency) Merkle hashes. The 0x00 / 0x01 prefixes keep a
/// leaf from ever being passed off as an interior node (second-preimage resistance).
/// All span overloads are allocation-free.
/// </summary>
public static class Rfc6962
{
    /// <summary>Leaf inputs up to this size are hashed from a stack buffer.</summary>
    private const int StackLimit = 512;

    /// <summary>Root of the empty tree: SHA-256 of no bytes.</summary>
    public static NodeHash EmptyRoot { get; } = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>Writes SHA-256(0x00 || <paramref name="leafData"/>) to <paramref name="destination"/>.</summary>
    public static void HashLeaf(ReadOnlySpan<byte> leafData, Span<byte> destination)
    {
        if (leafData.Length < StackLimit)
        {
            Span<byte> input = stackalloc byte[StackLimit];
            input[0] = 0x00;
            leafData.CopyTo(input[1..]);
            Sha256Hasher.HashOnce(input[..(leafData.Length + 1)], destination);
            return;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leafData);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x00 || <paramref name="leafData"/>).</summary>
    public static NodeHash HashLeaf(ReadOnlySpan<byte> leafData)
    {
        Span<byte> hash = stackalloc byte[NodeHash.Size];
        HashLeaf(leafData, hash);
        return new NodeHash(hash);
    }

    /// <summary>
    /// Writes SHA-256(0x01 || left || right) to <paramref name="destination"/>, which may
    /// overlap either input.
    /// </summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + 2 * NodeHash.Size];
        input[0] = 0x01;
        left[..NodeHash.Size].CopyTo(input[1..]);
        right[..NodeHash.Size].CopyTo(input[(1 + NodeHash.Size)..]);
        Sha256Hasher.HashOnce(input, destination);
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static NodeHash HashChildren(NodeHash left, NodeHash right)
    {
        Span<byte> buffer = stackalloc byte[2 * NodeHash.Size];
        left.CopyTo(buffer);
        right.CopyTo(buffer[NodeHash.Size..]);
        HashChildren(buffer[..NodeHash.Size], buffer[NodeHash.Size..], buffer[..NodeHash.Size]);
        return new NodeHash(buffer[..NodeHash.Size]);
    }

    /// <summary>Largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2): RFC 6962's split point.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
