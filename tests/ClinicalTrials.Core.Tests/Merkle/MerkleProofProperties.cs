using System.Collections.Immutable;
using System.Text;
using ClinicalTrials.Core.Merkle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ClinicalTrials.Core.Tests.Merkle;

/// <summary>Properties over nonce-committed event trees of random size (1..300).</summary>
public sealed class MerkleProofProperties
{
    private static readonly Arbitrary<(int Size, long Seed)> Trees =
        Gen.Choose(1, 300).SelectMany(_ => Gen.Choose(int.MinValue, int.MaxValue), (n, seed) => (n, (long)seed)).ToArbitrary();

    [Property(MaxTest = 60)]
    public Property EveryLeafProofVerifiesAndEveryAlterationFails() => Prop.ForAll(Trees, tree =>
    {
        var (builder, _) = Build(tree.Size, tree.Seed);
        var root = builder.Root;
        var random = new Random((int)tree.Seed);
        for (long m = 0; m < tree.Size; m++)
        {
            var proof = builder.ProveInclusion(m);
            Assert.True(MerkleVerifier.VerifyInclusion(proof, root), $"leaf {m} of {tree.Size}");

            Assert.False(MerkleVerifier.VerifyInclusion(proof with { LeafHash = Flip(proof.LeafHash, random) }, root));
            Assert.False(MerkleVerifier.VerifyInclusion(proof, Flip(root, random)));
            for (int s = 0; s < proof.AuditPath.Length; s++)
                Assert.False(MerkleVerifier.VerifyInclusion(proof with { AuditPath = proof.AuditPath.SetItem(s, Flip(proof.AuditPath[s], random)) }, root));
            foreach (long other in new[] { m - 1, m + 1, random.NextInt64(tree.Size), tree.Size, -1 })
            {
                if (other != m) Assert.False(MerkleVerifier.VerifyInclusion(proof with { LeafIndex = other }, root), $"index {m}→{other} of {tree.Size}");
            }
            if (proof.AuditPath.Length > 0)
                Assert.False(MerkleVerifier.VerifyInclusion(proof with { AuditPath = proof.AuditPath.RemoveAt(0) }, root));
            Assert.False(MerkleVerifier.VerifyInclusion(proof with { AuditPath = proof.AuditPath.Add(root) }, root));
        }
        return true;
    });

    [Property(MaxTest = 60)]
    public Property ProofsForEarlierTreeSizesVerifyAgainstEarlierRoots() => Prop.ForAll(Trees, tree =>
    {
        var (builder, roots) = Build(tree.Size, tree.Seed);
        var random = new Random((int)tree.Seed);
        long size = 1 + random.NextInt64(tree.Size);
        long m = random.NextInt64(size);
        Assert.Equal(roots[(int)size - 1], builder.RootAt(size));
        return MerkleVerifier.VerifyInclusion(builder.ProveInclusion(m, size), roots[(int)size - 1]);
    });

    [Property(MaxTest = 30)]
    public Property ProofsSurviveJson() => Prop.ForAll(Trees, tree =>
    {
        var (builder, _) = Build(tree.Size, tree.Seed);
        var proof = builder.ProveInclusion(tree.Size / 2);
        var back = InclusionProof.FromJson(proof.ToJson());
        return back == proof && MerkleVerifier.VerifyInclusion(back, builder.Root);
    });

    private static (MerkleTreeBuilder Builder, List<NodeHash> Roots) Build(int size, long seed)
    {
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore(), new SeededNonceSource(seed));
        var roots = new List<NodeHash>();
        Span<byte> nonce = stackalloc byte[EventCommitment.NonceSize];
        for (int i = 0; i < size; i++)
        {
            builder.AppendEvent(Encoding.UTF8.GetBytes($$"""{"seq":{{i}},"type":"visit"}"""), nonce);
            roots.Add(builder.Root);
        }
        return (builder, roots);
    }

    private static NodeHash Flip(NodeHash hash, Random random)
    {
        byte[] bytes = hash.ToArray();
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return new NodeHash(bytes);
    }
}
