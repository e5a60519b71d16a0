using System.Security.Cryptography;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// The builder's SHA-256 for small inputs: OpenSSL's low-level functions where available
/// (<see cref="OpenSslSha256"/>), otherwise one reused BCL context, because the one-shot
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> sets up a native context per
/// call. Allocation-free. Not thread-safe: one per builder.
/// </summary>
internal sealed class Sha256Hasher : IDisposable
{
    /// <summary>Resolved once; immutable afterwards.</summary>
    private static readonly OpenSslSha256? Native = OpenSslSha256.TryLoad();

    private readonly IncrementalHash? _fallback = Native is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

    /// <summary>Which implementation hashes, for benchmark reports.</summary>
    public static string Backend => Native is null ? "bcl-incremental" : $"openssl-lowlevel ({Native.Library})";

    /// <summary>Stateless hash for static callers: OpenSSL when available, else the BCL one-shot.</summary>
    public static void HashOnce(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Native is not null) Native.Hash(data, destination);
        else SHA256.HashData(data, destination);
    }

    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Native is not null)
        {
            Native.Hash(data, destination);
            return;
        }
        _fallback!.AppendData(data);
        _fallback.GetHashAndReset(destination);
    }

    /// <summary>RFC 6962 node hash SHA-256(0x01 || left || right); destination may overlap the inputs.</summary>
    public void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + 2 * NodeHash.Size];
        input[0] = 0x01;
        left[..NodeHash.Size].CopyTo(input[1..]);
        right[..NodeHash.Size].CopyTo(input[(1 + NodeHash.Size)..]);
        Hash(input, destination);
    }

    /// <summary>Leaf hash of an event committed with a nonce (see <see cref="EventCommitment"/>).</summary>
    public void HashEventLeaf(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> canonicalEvent, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + EventCommitment.NonceSize + 32];
        input[0] = 0x00;
        nonce.CopyTo(input[1..]);
        Hash(canonicalEvent, input[(1 + EventCommitment.NonceSize)..]);
        Hash(input, destination);
    }

    public void Dispose() => _fallback?.Dispose();
}
