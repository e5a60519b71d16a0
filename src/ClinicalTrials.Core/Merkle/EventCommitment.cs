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
        Span<byte> eventHash = stackalloc byte[32];
        Sha256Hasher.HashOnce(canonicalEvent, eventHash);
        ComputeLeafHashFromEventHash(nonce, eventHash, leafHash);
    }

    /// <summary>
    /// Writes the leaf hash committed with <paramref name="nonce"/> from the event's SHA-256
    /// (<see cref="Hashing.ContentHash"/> bytes) rather than the event: what a store that keeps
    /// nonce + event hash needs to re-show a commitment without holding the event itself.
    /// </summary>
    /// <exception cref="ArgumentException">The nonce or the event hash is not 32 bytes.</exception>
    public static void ComputeLeafHashFromEventHash(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> eventHash, Span<byte> leafHash)
    {
        if (nonce.Length != NonceSize)
            throw new ArgumentException($"an event nonce is {NonceSize} bytes, got {nonce.Length}", nameof(nonce));
        if (eventHash.Length != 32)
            throw new ArgumentException($"an event hash is 32 bytes, got {eventHash.Length}", nameof(eventHash));
        Span<byte> input = stackalloc byte[1 + NonceSize + 32];
        input[0] = 0x00; // RFC 6962 leaf prefix, inlined to hash the leaf in one call
        nonce.CopyTo(input[1..]);
        eventHash.CopyTo(input[(1 + NonceSize)..]);
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
