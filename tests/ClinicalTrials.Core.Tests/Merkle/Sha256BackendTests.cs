using System.Security.Cryptography;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

/// <summary>The builder's fast SHA-256 must agree with the BCL byte for byte.</summary>
public sealed class Sha256BackendTests
{
    [Fact]
    public void AgreesWithTheBclForEveryLengthUpTo300()
    {
        var random = new Random(42);
        using var hasher = new Sha256Hasher();
        var native = OpenSslSha256.TryLoad();
        byte[] expected = new byte[32], actual = new byte[32], direct = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            SHA256.HashData(data, expected);
            hasher.Hash(data, actual);
            Assert.Equal(expected, actual);
            if (native is null) continue;
            native.Hash(data, direct);
            Assert.Equal(expected, direct);
        }
    }

    [Fact]
    public void OpenSslIsUsedOnLinux()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.StartsWith("openssl-lowlevel", MerkleTreeBuilder.HashBackend);
    }

    [Fact]
    public void NodeAndEventLeafHashesMatchTheStaticDefinitions()
    {
        using var hasher = new Sha256Hasher();
        byte[] left = RandomNumberGenerator.GetBytes(32), right = RandomNumberGenerator.GetBytes(32), nonce = RandomNumberGenerator.GetBytes(32);
        byte[] node = new byte[32], leaf = new byte[32];
        hasher.HashChildren(left, right, node);
        Assert.Equal(Rfc6962.HashChildren(new NodeHash(left), new NodeHash(right)), new NodeHash(node));
        hasher.HashEventLeaf(nonce, "{\"a\":1}"u8, leaf);
        Assert.Equal(EventCommitment.ComputeLeafHash(nonce, "{\"a\":1}"u8), new NodeHash(leaf));
    }
}
