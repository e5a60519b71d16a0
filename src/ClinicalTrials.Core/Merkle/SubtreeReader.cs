using System.Collections.Immutable;

namespace ClinicalTrials.Core.Merkle;

/// <summary>Computes RFC 6962 subtree hashes and audit paths from stored leaf hashes plus the subtree cache.</summary>
internal sealed class SubtreeReader(ILeafHashStore store, SubtreeCache? cache, Sha256Hasher sha256)
{
    /// <summary>Subtrees of up to 2^3 leaves are read in one go and folded on the stack.</summary>
    private const int BlockHeight = 3;

    private const int Size = NodeHash.Size;

    /// <summary>MTH(D[start : start + size]) as RFC 6962 §2.1 defines it.</summary>
    public void Hash(long start, long size, Span<byte> destination)
    {
        if (long.IsPow2(size))
        {
            Complete(start, Height(size), destination);
            return;
        }
        long k = Rfc6962.SplitPoint(size); // the left part is always complete
        Span<byte> right = stackalloc byte[Size];
        Complete(start, Height(k), destination);
        Hash(start + k, size - k, right);
        sha256.HashChildren(destination, right, destination);
    }

    /// <summary>RFC 6962 §2.1.1 PATH(m, D[n]), leaf-level sibling first.</summary>
    public ImmutableArray<NodeHash> AuditPath(long leafIndex, long treeSize)
    {
        var path = ImmutableArray.CreateBuilder<NodeHash>(64 - (int)long.LeadingZeroCount(treeSize));
        Collect(leafIndex, 0, treeSize, path);
        return path.ToImmutable();
    }

    private void Collect(long m, long start, long size, ImmutableArray<NodeHash>.Builder path)
    {
        if (size <= 1) return;
        long k = Rfc6962.SplitPoint(size);
        Span<byte> sibling = stackalloc byte[Size];
        if (m < k)
        {
            Collect(m, start, k, path);
            Hash(start + k, size - k, sibling);
        }
        else
        {
            Collect(m - k, start + k, size - k, path);
            Complete(start, Height(k), sibling);
        }
        path.Add(new NodeHash(sibling));
    }

    /// <summary>Root of the complete subtree of 2^height leaves starting at <paramref name="start"/>.</summary>
    private void Complete(long start, int height, Span<byte> destination)
    {
        if (height == 0)
        {
            store.Read(start, destination[..Size]);
            return;
        }
        if (cache is not null && cache.TryRead(height, start >> height, destination)) return;
        if (height <= BlockHeight)
        {
            Span<byte> block = stackalloc byte[Size << height];
            store.Read(start, block);
            for (int width = 1 << height; width > 1; width >>= 1)
            {
                for (int i = 0; i < width / 2; i++)
                    sha256.HashChildren(block.Slice(2 * i * Size, Size), block.Slice((2 * i + 1) * Size, Size), block.Slice(i * Size, Size));
            }
            block[..Size].CopyTo(destination);
            return;
        }
        Span<byte> right = stackalloc byte[Size];
        Complete(start, height - 1, destination);
        Complete(start + (1L << (height - 1)), height - 1, right);
        sha256.HashChildren(destination, right, destination);
    }

    private static int Height(long powerOfTwo) => 63 - (int)long.LeadingZeroCount(powerOfTwo);
}
