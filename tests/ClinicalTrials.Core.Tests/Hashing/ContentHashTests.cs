using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Core.Tests.Hashing;

public sealed class ContentHashTests
{
    [Fact]
    public void HashesTheCanonicalBytes()
    {
        // SHA-256 of the 7 bytes {"a":1}, from a known-answer computation independent of this code (sha256sum).
        var hash = ContentHash.OfJsonText("{ \"a\" : 1.0 }");
        Assert.Equal("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862", hash.ToString());
        Assert.Equal(hash, ContentHash.OfBytes("{\"a\":1}"u8));
    }

    [Fact]
    public void ParsesItsOwnStringForm()
    {
        var hash = ContentHash.Of(new JsonObject { ["trial"] = "CT-1" });
        Assert.Equal(hash, ContentHash.Parse(hash.ToString()));
        Assert.Equal(hash, ContentHash.Parse(hash.ToString().ToUpperInvariant().Replace("SHA256:", "sha256:")));
        Assert.Equal(hash.ToHex(), Convert.ToHexStringLower(hash.ToArray()));
        Assert.True(hash == new ContentHash(hash.ToArray()));
        Assert.Equal(hash.GetHashCode(), new ContentHash(hash.ToArray()).GetHashCode());
    }

    [Theory]
    [InlineData("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862")]
    [InlineData("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f86")]
    [InlineData("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f8622")]
    [InlineData("sha256:g15abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862")]
    [InlineData("sha512:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862")]
    [InlineData("")]
    public void RejectsMalformedText(string text)
    {
        Assert.False(ContentHash.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => ContentHash.Parse(text));
        Assert.Contains("sha256:", e.Message);
    }

    [Fact]
    public void RejectsWrongDigestLength() => Assert.Throws<ArgumentException>(() => new ContentHash(new byte[31]));

    [Fact]
    public void SerializesAsItsStringForm()
    {
        var hash = ContentHash.OfBytes([]);
        string json = JsonSerializer.Serialize(new { hash });
        Assert.Equal("""{"hash":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}""", json);
        Assert.Equal(hash, JsonSerializer.Deserialize<ContentHash>("\"" + hash + "\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ContentHash>("\"sha256:00\""));
    }
}
