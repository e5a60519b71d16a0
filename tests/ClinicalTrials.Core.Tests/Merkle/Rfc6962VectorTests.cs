using System.Collections.Immutable;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

/// <summary>
/// Known answers from the Certificate Transparency reference tests (merkle_tree_test.cc, carried
/// over to trillian and transparency-dev/merkle). Raw RFC 6962 leaves, no event commitment.
/// </summary>
public sealed class Rfc6962VectorTests
{
    private static readonly string[] LeafHex =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void EmptyTreeIsSha256OfNothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Rfc6962.EmptyRoot.ToString());
        Assert.Equal(Rfc6962.EmptyRoot, new MerkleTreeBuilder().Root);
    }

    [Fact]
    public void LeafHashVector() =>
        Assert.Equal("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56", Rfc6962.HashLeaf("L123456"u8).ToString());

    [Fact]
    public void RootAfterEachLeaf()
    {
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore());
        for (int i = 0; i < LeafHex.Length; i++)
        {
            builder.AppendLeaf(Convert.FromHexString(LeafHex[i]));
            Assert.Equal(Roots[i], builder.Root.ToString());
        }
        for (int n = 1; n <= LeafHex.Length; n++)
            Assert.Equal(Roots[n - 1], builder.RootAt(n).ToString());
    }

    [Theory]
    [InlineData(0, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(5, 8, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    [InlineData(2, 3, new[] { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" })]
    [InlineData(1, 5, new[] { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" })]
    [InlineData(0, 1, new string[0])]
    public void InclusionProofVectors(int leafIndex, int treeSize, string[] expectedPath)
    {
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore());
        foreach (var hex in LeafHex) builder.AppendLeaf(Convert.FromHexString(hex));

        var proof = builder.ProveInclusion(leafIndex, treeSize);

        Assert.Equal(expectedPath, proof.AuditPath.Select(h => h.ToString()));
        Assert.Equal(Rfc6962.HashLeaf(Convert.FromHexString(LeafHex[leafIndex])), proof.LeafHash);
        Assert.True(MerkleVerifier.VerifyInclusion(proof, NodeHash.Parse(Roots[treeSize - 1])));
        // The published path, not ours, must verify too.
        var published = proof with { AuditPath = [.. expectedPath.Select(NodeHash.Parse)] };
        Assert.True(MerkleVerifier.VerifyInclusion(published, NodeHash.Parse(Roots[treeSize - 1])));
    }

    /// <summary>Roots of larger trees whose leaf i is the two bytes (i &amp; 0xff, i &gt;&gt; 8), from the same suite.</summary>
    [Fact]
    public void RootsOfVariousTreeSizes()
    {
        (int Size, string Base64)[] expected =
        [
            (10, "VjWMPSYNtCuCNlF/RLnQy6HcwSk6CIipfxm+hettA+4="),
            (15, "j4SulYmocFuxdeyp12xXCIgK6PekBcxzAIj4zbQzNEI="),
            (16, "c+4Uc6BCMOZf/v3NZK1kqTUJe+bBoFtOhP+P3SayKRE="),
            (100, "dUh9hYH88p0CMoHkdr1wC2szbhcLAXOejWpINIooKUY="),
            (255, "SmdsuKUqiod3RX2jyF2M6JnbdE4QuTwwipfAowI4/i0="),
            (256, "qFI0t/tZ1MdOYgyPpPzHFiZVw86koScXy9q3FU5casA="),
            (1000, "RXrgb8xHd55Y48FbfotJwCbV82Kx22LZfEbmBGAvwlQ="),
            (4095, "cWRFdQhPcjn9WyBXE/r1f04ejxIm5lvg40DEpRBVS0w="),
            (4096, "6uU/phfHg1n/GksYT6TO9aN8EauMCCJRl3dIK0HDs2M="),
            (10000, "VZcav65F9haHVRk3wre2axFoBXRNeUh/1d9d5FQfxIg="),
            (65535, "iPuVYJhP6SEE4gUFp8qbafd2rYv9YTCDYqAxCj8HdLM="),
        ];
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore());
        var rootsSeenWhileAppending = new Dictionary<int, NodeHash>();
        for (int i = 0; i < 65535; i++)
        {
            builder.AppendLeaf([(byte)(i & 0xff), (byte)((i >> 8) & 0xff)]);
            rootsSeenWhileAppending[i + 1] = builder.Root;
        }
        foreach (var (size, base64) in expected)
        {
            var root = new NodeHash(Convert.FromBase64String(base64));
            Assert.Equal(root, rootsSeenWhileAppending[size]);
            Assert.Equal(root, builder.RootAt(size)); // recomputed from stored leaves and the subtree cache
        }
    }
}
