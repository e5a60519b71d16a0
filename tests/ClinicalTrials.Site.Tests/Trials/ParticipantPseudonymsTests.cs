using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.Site.Tests.Trials;

public sealed class ParticipantPseudonymsTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    [Fact]
    public void A_pseudonym_is_the_hmac_of_trial_and_participant()
    {
        var pseudonyms = new ParticipantPseudonyms(Key);
        // Python: hmac.new(bytes(range(100, 132)), b"T2D-CGM-003\0P-001", hashlib.sha256).hexdigest()
        Assert.Equal("bcd3f16c0b5585d85bc08f4fbbd663b83976d0abacb4c95ef329d7ec96b22761", pseudonyms.Of("T2D-CGM-003", "P-001"));
        Assert.NotEqual(pseudonyms.Of("T2D-CGM-003", "P-001"), pseudonyms.Of("HTN-HOME-001", "P-001"));
        Assert.NotEqual(pseudonyms.Of("T2D-CGM-003", "P-001"), new ParticipantPseudonyms(new byte[32]).Of("T2D-CGM-003", "P-001"));
        Assert.Throws<ArgumentException>(() => new ParticipantPseudonyms(new byte[16]));
    }

    [Fact]
    public void The_key_file_is_created_once_owner_only_and_read_back()
    {
        var dir = Directory.CreateTempSubdirectory("ct-pseudo-");
        try
        {
            var path = Path.Combine(dir.FullName, ParticipantPseudonyms.FileName);
            var created = ParticipantPseudonyms.LoadOrCreate(path, new SeededNonceSource(1));
            var read = ParticipantPseudonyms.LoadOrCreate(path, new SeededNonceSource(2));
            Assert.Equal(created.Of("T", "P"), read.Of("T", "P"));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

            File.WriteAllText(path, "not hex");
            var e = Assert.Throws<FormatException>(() => ParticipantPseudonyms.LoadOrCreate(path));
            Assert.Equal($"{path}: expected 64 hex digits (the site's pseudonym key)", e.Message);
        }
        finally { dir.Delete(true); }
    }
}
