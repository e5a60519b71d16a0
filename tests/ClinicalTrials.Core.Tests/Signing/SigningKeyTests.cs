using System.Security.Cryptography;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Core.Tests.Signing;

public sealed class SigningKeyTests
{
    // RFC 8032 §7.1, TEST 1.
    private const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void Rfc8032KnownAnswer()
    {
        using var key = SigningKey.FromSeed(Convert.FromHexString(Rfc8032Seed));
        Assert.Equal(Rfc8032Public, Convert.ToHexStringLower(key.PublicKey.ToRawBytes()));
        Assert.Equal(Rfc8032EmptyMessageSignature, Convert.ToHexStringLower(key.Sign([])));
    }

    [Fact]
    public void KeyIdIsPrefixedTruncatedSha256OfThePublicKey()
    {
        using var key = SigningKey.FromSeed(Convert.FromHexString(Rfc8032Seed));
        string expected = "ed25519:" + Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(Rfc8032Public)))[..16];
        Assert.Equal(expected, key.KeyId);
        Assert.Matches("^ed25519:[0-9a-f]{16}$", SigningKey.Generate().KeyId);
    }

    [Fact]
    public void Pkcs8PemIsTheRfc8410Encoding()
    {
        using var key = SigningKey.FromSeed(Convert.FromHexString(Rfc8032Seed));
        // RFC 8410 §7: PrivateKeyInfo = SEQUENCE { 0, AlgorithmIdentifier id-Ed25519, OCTET STRING { OCTET STRING seed } }.
        byte[] der = Convert.FromHexString("302e020100300506032b657004220420" + Rfc8032Seed);
        string pem = key.ExportPkcs8Pem();
        Assert.Equal(der, Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)))));
        using var back = SigningKey.ImportPkcs8Pem(pem);
        Assert.Equal(key.KeyId, back.KeyId);
        Assert.Equal(key.KeyId, VerificationKey.ImportPem(key.PublicKey.ExportPem()).KeyId);
    }

    [Fact]
    public void GarbageIsAKeyFormatError()
    {
        Assert.Throws<KeyFormatException>(() => SigningKey.ImportPkcs8Pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        Assert.Throws<KeyFormatException>(() => VerificationKey.ImportPem("hello"));
        Assert.Throws<KeyFormatException>(() => SigningKey.FromSeed(new byte[31]));
        Assert.Throws<KeyFormatException>(() => VerificationKey.FromRaw(new byte[33]));
    }
}
