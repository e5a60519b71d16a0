using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Core.Tests.Signing;

public sealed class KeyFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-keys-").FullName;

    [Fact]
    public void PrivateKeyFileIsOwnerOnlyAndRoundTrips()
    {
        using var key = SigningKey.Generate();
        string path = Path.Combine(_dir, "site.key");
        KeyFiles.WritePrivateKey(path, key);

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
        using var back = KeyFiles.ReadPrivateKey(path);
        Assert.Equal(key.KeyId, back.KeyId);
    }

    [Fact]
    public void PrivateKeyReadableByOthersIsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var key = SigningKey.Generate();
        string path = Path.Combine(_dir, "loose.key");
        KeyFiles.WritePrivateKey(path, key);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<KeyFormatException>(() => KeyFiles.ReadPrivateKey(path));
        Assert.Contains("chmod 600", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void PublicKeyFileRoundTripsAndNothingIsOverwritten()
    {
        using var key = SigningKey.Generate();
        string pub = Path.Combine(_dir, "site.pub");
        KeyFiles.WritePublicKey(pub, key.PublicKey);
        Assert.Equal(key.KeyId, KeyFiles.ReadPublicKey(pub).KeyId);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(pub));

        using var other = SigningKey.Generate();
        Assert.Throws<KeyFormatException>(() => KeyFiles.WritePublicKey(pub, other.PublicKey));
        string priv = Path.Combine(_dir, "site.key");
        KeyFiles.WritePrivateKey(priv, key);
        Assert.Throws<KeyFormatException>(() => KeyFiles.WritePrivateKey(priv, other));
        Assert.Equal(key.KeyId, KeyFiles.ReadPrivateKey(priv).KeyId);
    }

    [Fact]
    public void WrongFileContentNamesTheFile()
    {
        string path = Path.Combine(_dir, "notakey.pub");
        File.WriteAllText(path, "not a key");
        var e = Assert.Throws<KeyFormatException>(() => KeyFiles.ReadPublicKey(path));
        Assert.Contains(path, e.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
