using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>The tree's root is a <see cref="NodeHash"/>; the ledger takes the same 32 bytes as a <see cref="ContentHash"/>.</summary>
internal static class RootHash
{
    public static ContentHash ToContentHash(NodeHash root)
    {
        Span<byte> bytes = stackalloc byte[NodeHash.Size];
        root.CopyTo(bytes);
        return new ContentHash(bytes);
    }

    public static NodeHash ToNodeHash(ContentHash root)
    {
        Span<byte> bytes = stackalloc byte[ContentHash.Size];
        root.CopyTo(bytes);
        return new NodeHash(bytes);
    }
}
