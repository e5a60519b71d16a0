using System.Security.Cryptography;
using System.Text;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

public sealed class EventCommitmentTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"event\":\"consent\",\"subject\":\"P001\"}")]
    [InlineData("a longer event whose canonical form spans more than one SHA-256 block: 0123456789abcdef0123456789abcdef")]
    public void TheLeafFromTheEventHashIsTheLeafFromTheEvent(string text)
    {
        byte[] @event = Encoding.UTF8.GetBytes(text);
        byte[] nonce = RandomNumberGenerator.GetBytes(EventCommitment.NonceSize);
        var fromEvent = new byte[32];
        var fromHash = new byte[32];

        EventCommitment.ComputeLeafHash(nonce, @event, fromEvent);
        EventCommitment.ComputeLeafHashFromEventHash(nonce, SHA256.HashData(@event), fromHash);

        Assert.Equal(fromEvent, fromHash);
        Assert.Equal(SHA256.HashData(@event), ContentHash.OfBytes(@event).ToArray()); // the fast backend agrees with the BCL
        Assert.Equal(Rfc6962.HashLeaf([.. nonce, .. SHA256.HashData(@event)]), new NodeHash(fromHash));
    }

    [Fact]
    public void WrongSizesAreRefused()
    {
        var leaf = new byte[32];
        Assert.Throws<ArgumentException>(() => EventCommitment.ComputeLeafHashFromEventHash(new byte[31], new byte[32], leaf));
        Assert.Throws<ArgumentException>(() => EventCommitment.ComputeLeafHashFromEventHash(new byte[32], new byte[33], leaf));
    }
}
