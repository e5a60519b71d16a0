using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ClinicalTrials.Core.Tests.Hashing;

public sealed class ContentHashProperties
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary();

    /// <summary>Member order, whitespace, string escapes and number spelling never change the hash.</summary>
    [Property(MaxTest = 300)]
    public Property HashIgnoresSpelling() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var document = new JsonObject { ["doc"] = RandomJson.Document(random), ["more"] = RandomJson.Document(random) };
        var expected = ContentHash.Of(document);
        for (int i = 0; i < 3; i++)
        {
            string spelling = RandomJson.Spell(document, random);
            Assert.Equal(expected, ContentHash.OfJsonText(spelling));
        }
        return true;
    });

    /// <summary>Canonical text parses back to the same canonical text (JCS output is a fixed point).</summary>
    [Property(MaxTest = 300)]
    public Property CanonicalFormIsStable() => Prop.ForAll(Seeds, seed =>
    {
        byte[] canonical = CanonicalJson.Canonicalize(RandomJson.Document(new Random(seed)));
        return canonical.AsSpan().SequenceEqual(CanonicalJson.CanonicalizeUtf8(canonical));
    });

    /// <summary>Changing any value changes the hash.</summary>
    [Property(MaxTest = 200)]
    public Property HashSeesValueChanges() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var document = new JsonObject { ["doc"] = RandomJson.Document(random), ["n"] = 1 };
        var before = ContentHash.Of(document);
        document["n"] = 2;
        return before != ContentHash.Of(document);
    });
}
