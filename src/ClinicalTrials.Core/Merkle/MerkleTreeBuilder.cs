using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Streaming RFC 6962 Merkle tree. Appending keeps only the O(log n) frontier of complete
/// subtree roots, so the root of any number of leaves needs under 2 KB. Given an
/// <see cref="ILeafHashStore"/>, leaf hashes go there and complete subtrees of height ≥
/// <c>cacheHeight</c> are remembered (64 / 2^cacheHeight bytes per leaf), so inclusion proofs
/// for any leaf and any earlier tree size come from the stored hashes alone, never the events.
/// Not thread-safe. Dispose it to release its native hash context.
/// </summary>
public sealed class MerkleTreeBuilder : IDisposable
{
    /// <summary>Default lowest cached subtree height: 4 bytes of cache per leaf, ~8 hashes per proof.</summary>
    public const int DefaultCacheHeight = 4;

    private const int Size = NodeHash.Size;

    private readonly byte[] _frontier = new byte[64 * Size];
    private readonly ILeafHashStore? _store;
    private readonly SubtreeCache? _cache;
    private readonly SubtreeReader? _reader;
    private readonly INonceSource? _nonces;
    private readonly Sha256Hasher _sha256 = new();

    /// <summary>
    /// Creates a builder. Leaves already in <paramref name="leafStore"/> are replayed, so a
    /// builder over a reopened leaf file continues where the previous one stopped.
    /// </summary>
    /// <param name="leafStore">Where leaf hashes go; without one, only the root is available.</param>
    /// <param name="nonces">Nonce source for <see cref="AppendEvent(ReadOnlySpan{byte}, Span{byte})"/>.</param>
    /// <param name="cacheHeight">Lowest height of cached subtree roots (1–62).</param>
    public MerkleTreeBuilder(ILeafHashStore? leafStore = null, INonceSource? nonces = null, int cacheHeight = DefaultCacheHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheHeight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheHeight, 62);
        _nonces = nonces;
        _store = leafStore;
        if (leafStore is null) return;
        _cache = new SubtreeCache(cacheHeight);
        _reader = new SubtreeReader(leafStore, _cache, _sha256);
        Replay(leafStore);
    }

    /// <summary>Which SHA-256 implementation builders use on this machine, for diagnostics and benchmark reports.</summary>
    public static string HashBackend => Sha256Hasher.Backend;

    /// <summary>Number of leaves appended.</summary>
    public long Count { get; private set; }

    /// <summary>The current root (the empty-tree hash for no leaves).</summary>
    public NodeHash Root
    {
        get
        {
            if (Count == 0) return Rfc6962.EmptyRoot;
            Span<byte> root = stackalloc byte[Size];
            int height = (int)long.TrailingZeroCount(Count);
            Slot(height).CopyTo(root);
            // Smaller complete subtrees sit to the right: fold them right to left.
            for (height++; height < 64; height++)
            {
                if (((Count >> height) & 1) == 1) _sha256.HashChildren(Slot(height), root, root);
            }
            return new NodeHash(root);
        }
    }

    /// <summary>Appends a precomputed 32-byte leaf hash; returns its index.</summary>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != Size)
            throw new ArgumentException($"a leaf hash is {Size} bytes, got {leafHash.Length}", nameof(leafHash));
        _store?.Append(leafHash);
        return Fold(leafHash);
    }

    /// <summary>Appends a raw RFC 6962 leaf, hashed as SHA-256(0x00 || data); returns its index.</summary>
    public long AppendLeaf(ReadOnlySpan<byte> leafData)
    {
        Span<byte> hash = stackalloc byte[Size];
        Rfc6962.HashLeaf(leafData, hash);
        return AppendLeafHash(hash);
    }

    /// <summary>
    /// Appends an event committed with a fresh nonce (see <see cref="EventCommitment"/>), writing
    /// the nonce to <paramref name="nonce"/> (32 bytes) for the caller to keep. Allocation-free.
    /// </summary>
    /// <exception cref="InvalidOperationException">The builder has no nonce source.</exception>
    public long AppendEvent(ReadOnlySpan<byte> canonicalEvent, Span<byte> nonce)
    {
        if (_nonces is null)
            throw new InvalidOperationException("appending events needs a nonce source; pass an INonceSource to the builder");
        if (nonce.Length != EventCommitment.NonceSize)
            throw new ArgumentException($"the nonce buffer must be {EventCommitment.NonceSize} bytes, got {nonce.Length}", nameof(nonce));
        _nonces.Fill(nonce);
        Span<byte> hash = stackalloc byte[Size];
        _sha256.HashEventLeaf(nonce, canonicalEvent, hash);
        return AppendLeafHash(hash);
    }

    /// <summary>Canonicalizes and appends an event; returns what its owner must keep to prove it later.</summary>
    /// <exception cref="CanonicalJsonException">The event has no canonical form.</exception>
    public EventLeaf AppendEvent(JsonNode? @event)
    {
        byte[] canonical = CanonicalJson.Canonicalize(@event);
        Span<byte> nonce = stackalloc byte[EventCommitment.NonceSize];
        long index = AppendEvent(canonical, nonce);
        return new EventLeaf(index, Convert.ToHexStringLower(nonce), ContentHash.OfBytes(canonical), EventCommitment.ComputeLeafHash(nonce, canonical));
    }

    /// <summary>Root of the first <paramref name="treeSize"/> leaves, e.g. an earlier anchored size.</summary>
    public NodeHash RootAt(long treeSize)
    {
        CheckSize(treeSize);
        if (treeSize == Count) return Root;
        if (treeSize == 0) return Rfc6962.EmptyRoot;
        Span<byte> root = stackalloc byte[Size];
        Reader.Hash(0, treeSize, root);
        return new NodeHash(root);
    }

    /// <summary>Inclusion proof of leaf <paramref name="leafIndex"/> in the current tree.</summary>
    public InclusionProof ProveInclusion(long leafIndex) => ProveInclusion(leafIndex, Count);

    /// <summary>Inclusion proof of leaf <paramref name="leafIndex"/> in the tree of the first <paramref name="treeSize"/> leaves.</summary>
    public InclusionProof ProveInclusion(long leafIndex, long treeSize)
    {
        CheckSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize)
            throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"leaf index must be in [0, {treeSize})");
        var reader = Reader;
        Span<byte> leaf = stackalloc byte[Size];
        _store!.Read(leafIndex, leaf);
        return new InclusionProof(leafIndex, treeSize, new NodeHash(leaf), reader.AuditPath(leafIndex, treeSize));
    }

    private SubtreeReader Reader => _reader
        ?? throw new InvalidOperationException("proofs and earlier roots need the leaf hashes; construct the builder with an ILeafHashStore");

    private void CheckSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > Count)
            throw new ArgumentOutOfRangeException(nameof(treeSize), treeSize, $"tree size must be in [0, {Count}]");
    }

    /// <summary>Merges the new leaf with equal-sized complete subtrees, like a binary counter's carry.</summary>
    private long Fold(ReadOnlySpan<byte> leafHash)
    {
        Span<byte> node = stackalloc byte[Size];
        leafHash.CopyTo(node);
        long index = Count;
        int height = 0;
        for (; ((index >> height) & 1) == 1; height++)
        {
            _sha256.HashChildren(Slot(height), node, node);
            if (_cache is not null && height + 1 >= _cache.MinHeight) _cache.Add(height + 1, node);
        }
        node.CopyTo(Slot(height));
        Count = index + 1;
        return index;
    }

    private void Replay(ILeafHashStore store)
    {
        Span<byte> block = stackalloc byte[256 * Size];
        for (long start = 0; start < store.Count; start += 256)
        {
            var chunk = block[..(int)(Math.Min(256, store.Count - start) * Size)];
            store.Read(start, chunk);
            for (int i = 0; i < chunk.Length; i += Size) Fold(chunk.Slice(i, Size));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sha256.Dispose();

    private Span<byte> Slot(int height) => _frontier.AsSpan(height * Size, Size);
}
