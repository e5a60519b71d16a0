namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// How an event becomes a leaf: leaf data = nonce || SHA-256(canonical event), hashed as an
/// RFC 6962 leaf. The random nonce hides the event, so a published leaf hash or audit path
/// reveals nothing about events that are not disclosed (even low-entropy ones such as
/// "visit completed"); revealing event + nonce opens the commitment.
/// </summary>
public static class EventCommitment
{
    /// <summary>Nonce length in bytes.</summary>
    public const int NonceSize = 32;

    /// <summary>Writes the leaf hash of <paramref name="canonicalEvent"/> committed with <paramref name="nonce"/>.</summary>
    /// <exception cref="ArgumentException">The nonce is not 32 bytes.</exception>
    public static void ComputeLeafHash(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> canonicalEvent, Span<byte> leafHash)
    {
        if (nonce.Length != NonceSize)
            throw new ArgumentException($"an event nonce is {NonceSize} bytes, got {nonce.Length}", nameof(nonce));
        Span<byte> input = stackalloc byte[1 + NonceSize + 32];
        input[0] = 0x00; // RFC 6962 leaf prefix, inlined to hash the leaf in one call
        nonce.CopyTo(input[1..]);
        Sha256Hasher.HashOnce(canonicalEvent, input[(1 + NonceSize)..]);
        Sha256Hasher.HashOnce(input, leafHash);
    }

    /// <summary>The leaf hash of <paramref name="canonicalEvent"/> committed with <paramref name="nonce"/>.</summary>
    public static NodeHash ComputeLeafHash(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> canonicalEvent)
    {
        Span<byte> hash = stackalloc byte[NodeHash.Size];
        ComputeLeafHash(nonce, canonicalEvent, hash);
        return new NodeHash(hash);
    }

    /// <summary>True when <paramref name="canonicalEvent"/> and <paramref name="nonce"/> open <paramref name="leafHash"/>.</summary>
    public static bool Opens(NodeHash leafHash, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> canonicalEvent) =>
        nonce.Length == NonceSize && ComputeLeafHash(nonce, canonicalEvent) == leafHash;
}
