using System.Buffers.Text;
using System.Text;
using ClinicalTrials.Core.Signing;
using ClinicalTrials.Core.Tests.Hashing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ClinicalTrials.Core.Tests.Signing;

public sealed class EnvelopeProperties
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property SignThenVerifyRoundTrips() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var key = NewKey(random);
        var envelope = EnvelopeSigner.Sign(RandomJson.Document(random), key);
        var back = SignedEnvelope.FromJson(envelope.ToJson());
        return back == envelope && EnvelopeVerifier.Verify(back, new KeyRing([key.PublicKey])).IsValid;
    });

    [Property(MaxTest = 200)]
    public Property FlippedPayloadBitFails() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var key = NewKey(random);
        var envelope = EnvelopeSigner.Sign(RandomJson.Document(random), key);
        byte[] payload = Encoding.UTF8.GetBytes(envelope.Payload);
        payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
        string tampered = Encoding.UTF8.GetString(payload);
        var result = EnvelopeVerifier.Verify(envelope with { Payload = tampered }, new KeyRing([key.PublicKey]));
        return tampered == envelope.Payload || !result.IsValid;
    });

    [Property(MaxTest = 200)]
    public Property FlippedSignatureBitFails() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var key = NewKey(random);
        var envelope = EnvelopeSigner.Sign(RandomJson.Document(random), key);
        byte[] signature = Base64Url.DecodeFromChars(envelope.Signature);
        signature[random.Next(signature.Length)] ^= (byte)(1 << random.Next(8));
        var result = EnvelopeVerifier.Verify(envelope with { Signature = Base64Url.EncodeToString(signature) }, new KeyRing([key.PublicKey]));
        return result.Status == VerificationStatus.BadSignature;
    });

    [Property(MaxTest = 200)]
    public Property FlippedSignatureTextBitFails() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var key = NewKey(random);
        var envelope = EnvelopeSigner.Sign(RandomJson.Document(random), key);
        char[] text = envelope.Signature.ToCharArray();
        int i = random.Next(text.Length);
        text[i] = (char)(text[i] ^ (1 << random.Next(7)));
        return !EnvelopeVerifier.Verify(envelope with { Signature = new string(text) }, new KeyRing([key.PublicKey])).IsValid;
    });

    private static SigningKey NewKey(Random random)
    {
        byte[] seed = new byte[SigningKey.SeedSize];
        random.NextBytes(seed);
        return SigningKey.FromSeed(seed);
    }
}
