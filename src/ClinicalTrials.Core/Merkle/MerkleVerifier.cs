namespace ClinicalTrials.Core.Merkle;

/// <summary>Checks inclusion proofs with the RFC 9162 §2.1.3.2 algorithm; needs only the proof and a trusted root.</summary>
public static class MerkleVerifier
{
    /// <summary>True when <paramref name="proof"/> leads from its leaf hash to <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(InclusionProof proof, NodeHash root) =>
        TryComputeRoot(proof, out var computed) && computed == root;

    /// <summary>
    /// True when <paramref name="canonicalEvent"/> with <paramref name="nonce"/> opens the proof's
    /// leaf and the proof leads to <paramref name="root"/>: the event was anchored.
    /// </summary>
    public static bool VerifyEventInclusion(InclusionProof proof, NodeHash root, ReadOnlySpan<byte> canonicalEvent, ReadOnlySpan<byte> nonce) =>
        EventCommitment.Opens(proof.LeafHash, nonce, canonicalEvent) && VerifyInclusion(proof, root);

    /// <summary>The root the proof leads to; false when the proof is inconsistent with its own index and size.</summary>
    public static bool TryComputeRoot(InclusionProof proof, out NodeHash root)
    {
        root = default;
        if (proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize || proof.AuditPath.IsDefault) return false;
        ulong fn = (ulong)proof.LeafIndex, sn = (ulong)proof.TreeSize - 1;
        Span<byte> r = stackalloc byte[NodeHash.Size];
        Span<byte> p = stackalloc byte[NodeHash.Size];
        proof.LeafHash.CopyTo(r);
        foreach (var sibling in proof.AuditPath)
        {
            if (sn == 0) return false; // path longer than the tree is tall
            sibling.CopyTo(p);
            if ((fn & 1) == 1 || fn == sn)
            {
                Rfc6962.HashChildren(p, r, r);
                // A right-edge node with no right sibling rises without hashing.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(r, p, r);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) return false; // path shorter than the tree is tall
        root = new NodeHash(r);
        return true;
    }
}
