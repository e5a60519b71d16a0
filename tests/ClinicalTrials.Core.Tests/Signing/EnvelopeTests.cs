using System.Buffers.Text;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Core.Tests.Signing;

public sealed class EnvelopeTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.FromSeed(new byte[32]);
    private readonly KeyRing _ring;

    public EnvelopeTests() => _ring = new KeyRing([_key.PublicKey]);

    private static JsonObject Payload() => new() { ["trial"] = "CT-1", ["n"] = 1.50, ["sites"] = new JsonArray("A", "B") };

    [Fact]
    public void SignsTheCanonicalPayload()
    {
        var envelope = EnvelopeSigner.Sign(Payload(), _key);
        Assert.Equal("""{"n":1.5,"sites":["A","B"],"trial":"CT-1"}""", envelope.Payload);
        Assert.Equal(_key.KeyId, envelope.KeyId);
        Assert.Equal("Ed25519", envelope.Algorithm);
        Assert.Equal(VerificationStatus.Valid, EnvelopeVerifier.Verify(envelope, _ring).Status);
    }

    [Fact]
    public void SignatureIsDomainSeparated()
    {
        var envelope = EnvelopeSigner.Sign(Payload(), _key);
        // A bare signature over the payload (as another protocol might make) must not pass as an envelope.
        string bare = Base64Url.EncodeToString(_key.Sign(System.Text.Encoding.UTF8.GetBytes(envelope.Payload)));
        Assert.Equal(VerificationStatus.BadSignature, EnvelopeVerifier.Verify(envelope with { Signature = bare }, _ring).Status);
    }

    [Fact]
    public void JsonFormEmbedsThePayloadAndRoundTrips()
    {
        var envelope = EnvelopeSigner.Sign(Payload(), _key);
        string json = envelope.ToJson();
        Assert.StartsWith("""{"payload":{"n":1.5,"sites":["A","B"],"trial":"CT-1"},"key_id":"ed25519:""", json);
        Assert.Equal(envelope, SignedEnvelope.FromJson(json));
        Assert.True(EnvelopeVerifier.Verify(json, _ring).IsValid);
        // Re-spelled payload on the wire still verifies: the reader canonicalizes it.
        string respelled = json.Replace("""{"n":1.5,""", """{ "n" : 15e-1, """);
        Assert.True(EnvelopeVerifier.Verify(respelled, _ring).IsValid);
    }

    [Fact]
    public void UnknownKey()
    {
        using var stranger = SigningKey.Generate();
        var result = EnvelopeVerifier.Verify(EnvelopeSigner.Sign(Payload(), stranger), _ring);
        Assert.Equal(VerificationStatus.UnknownKey, result.Status);
        Assert.Contains(stranger.KeyId, result.Message);
    }

    [Fact]
    public void KeyIdPointingAtAnotherTrustedKeyIsABadSignature()
    {
        using var other = SigningKey.Generate();
        var envelope = EnvelopeSigner.Sign(Payload(), other) with { KeyId = _key.KeyId };
        Assert.Equal(VerificationStatus.BadSignature, EnvelopeVerifier.Verify(envelope, _ring.With(other.PublicKey)).Status);
    }

    [Theory]
    [InlineData("algorithm")]
    [InlineData("signature-short")]
    [InlineData("signature-chars")]
    [InlineData("signature-padding")]
    [InlineData("payload-not-canonical")]
    [InlineData("payload-not-json")]
    public void Malformed(string defect)
    {
        var good = EnvelopeSigner.Sign(Payload(), _key);
        var bad = defect switch
        {
            "algorithm" => good with { Algorithm = "RS256" },
            "signature-short" => good with { Signature = good.Signature[..40] },
            "signature-chars" => good with { Signature = "*" + good.Signature[1..] },
            "signature-padding" => good with { Signature = good.Signature + "==" },
            "payload-not-canonical" => good with { Payload = good.Payload.Replace(":", " : ") },
            _ => good with { Payload = "{\"trial\":" },
        };
        var result = EnvelopeVerifier.Verify(bad, _ring);
        Assert.Equal(VerificationStatus.Malformed, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"key_id":"x","algorithm":"Ed25519","signature":"AA"}""")]
    [InlineData("""{"payload":{"a":1,"a":2},"key_id":"x","algorithm":"Ed25519","signature":"AA"}""")]
    [InlineData("""{"payload":1,"key_id":7,"algorithm":"Ed25519","signature":"AA"}""")]
    public void MalformedJson(string json) => Assert.Equal(VerificationStatus.Malformed, EnvelopeVerifier.Verify(json, _ring).Status);

    public void Dispose() => _key.Dispose();
}
