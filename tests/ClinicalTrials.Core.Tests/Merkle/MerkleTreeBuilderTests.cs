using System.Text;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

public sealed class MerkleTreeBuilderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    public void RootsAndPathsMatchTheRecursiveDefinitionForEverySize(int cacheHeight)
    {
        var leaves = new List<NodeHash>();
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore(), cacheHeight: cacheHeight);
        for (int n = 1; n <= 70; n++)
        {
            builder.AppendLeaf(Encoding.ASCII.GetBytes($"leaf {n}"));
            leaves.Add(Rfc6962.HashLeaf(Encoding.ASCII.GetBytes($"leaf {n}")));
            Assert.Equal(ReferenceTree.Root(leaves, 0, n), builder.Root);
        }
        for (int size = 1; size <= 70; size++)
        {
            Assert.Equal(ReferenceTree.Root(leaves, 0, size), builder.RootAt(size));
            for (int m = 0; m < size; m++)
                Assert.Equal(ReferenceTree.Path(leaves, m, 0, size), builder.ProveInclusion(m, size).AuditPath);
        }
    }

    [Fact]
    public void EventLeafHidesTheEventAndOpensWithItsNonce()
    {
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore(), new SeededNonceSource(7));
        var visit = new JsonObject { ["subject"] = "S-001", ["visit"] = 3, ["event"] = "completed" };
        var leaf = builder.AppendEvent(visit);
        for (int i = 0; i < 5; i++) builder.AppendEvent(new JsonObject { ["i"] = i });

        byte[] canonical = CanonicalJson.Canonicalize(visit);
        byte[] nonce = Convert.FromHexString(leaf.Nonce);
        var proof = builder.ProveInclusion(leaf.Index);

        Assert.NotEqual(Rfc6962.HashLeaf(canonical), leaf.LeafHash); // the bare event hash is not what is published
        Assert.Equal(leaf.LeafHash, proof.LeafHash);
        Assert.True(MerkleVerifier.VerifyEventInclusion(proof, builder.Root, canonical, nonce));
        nonce[0] ^= 1;
        Assert.False(MerkleVerifier.VerifyEventInclusion(proof, builder.Root, canonical, nonce));
        Assert.False(MerkleVerifier.VerifyEventInclusion(proof, builder.Root, CanonicalJson.CanonicalizeText("""{"event":"missed","subject":"S-001","visit":3}"""), Convert.FromHexString(leaf.Nonce)));
    }

    [Fact]
    public void SameSeedSameTreeDifferentSeedDifferentTree()
    {
        NodeHash Build(long seed)
        {
            var builder = new MerkleTreeBuilder(nonces: new SeededNonceSource(seed));
            Span<byte> nonce = stackalloc byte[32];
            for (int i = 0; i < 10; i++) builder.AppendEvent(Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), nonce);
            return builder.Root;
        }
        Assert.Equal(Build(1), Build(1));
        Assert.NotEqual(Build(1), Build(2));
    }

    [Fact]
    public void CryptoNoncesDiffer()
    {
        var source = new CryptoNonceSource();
        byte[] a = new byte[32], b = new byte[32];
        source.Fill(a);
        source.Fill(b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void FileStoreSurvivesReopeningAndGivesTheSameProofs()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"leaves-{Guid.NewGuid():N}.bin");
        try
        {
            var memory = new MerkleTreeBuilder(new MemoryLeafHashStore());
            NodeHash rootAt1000;
            using (var store = StreamLeafHashStore.Create(path))
            {
                var builder = new MerkleTreeBuilder(store);
                for (int i = 0; i < 1000; i++)
                {
                    builder.AppendLeaf(BitConverter.GetBytes(i));
                    memory.AppendLeaf(BitConverter.GetBytes(i));
                }
                rootAt1000 = builder.Root;
                Assert.Equal(memory.ProveInclusion(123), builder.ProveInclusion(123)); // reads while still writing
            }
            Assert.Equal(1000 * 32, new FileInfo(path).Length);

            using (var store = StreamLeafHashStore.Open(path))
            {
                var resumed = new MerkleTreeBuilder(store);
                Assert.Equal(1000, resumed.Count);
                Assert.Equal(rootAt1000, resumed.Root);
                resumed.AppendLeaf(BitConverter.GetBytes(1000));
                memory.AppendLeaf(BitConverter.GetBytes(1000));
                Assert.Equal(memory.Root, resumed.Root);
                foreach (long m in new long[] { 0, 511, 999, 1000 })
                    Assert.Equal(memory.ProveInclusion(m), resumed.ProveInclusion(m));
                Assert.Equal(rootAt1000, resumed.RootAt(1000));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TruncatedLeafFileIsRejected()
    {
        using var stream = new MemoryStream(new byte[33]);
        Assert.Throws<InvalidDataException>(() => new StreamLeafHashStore(stream));
    }

    [Fact]
    public void ProofsNeedAStoreAndValidArguments()
    {
        var rootOnly = new MerkleTreeBuilder();
        rootOnly.AppendLeaf([1]);
        Assert.Throws<InvalidOperationException>(() => rootOnly.ProveInclusion(0));
        Assert.Throws<InvalidOperationException>(() => rootOnly.AppendEvent(new JsonObject()));

        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore());
        builder.AppendLeaf([1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ProveInclusion(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ProveInclusion(0, 2));
        Assert.Throws<ArgumentException>(() => builder.AppendLeafHash(new byte[31]));
    }
}
