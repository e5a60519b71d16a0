using System.Security.Cryptography;
using System.Text;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// The only form in which a participant appears in an anchored event:
/// <c>hex(HMAC-SHA256(key, UTF-8(trial id) ‖ 0x00 ‖ UTF-8(participant id)))</c>, keyed by a secret
/// that never leaves the site. Stable per (trial, participant), so one participant's consent and
/// enrollment events can be linked at the site (and by an inspector the site lets in), while
/// outsiders cannot test guesses of an id, nor link a participant across trials.
/// </summary>
public sealed class ParticipantPseudonyms
{
    /// <summary>Key file name in a site directory.</summary>
    public const string FileName = "pseudonym.key";

    /// <summary>Key length in bytes.</summary>
    public const int KeySize = 32;

    private readonly byte[] _key;

    /// <summary>Uses <paramref name="key"/> (<see cref="KeySize"/> bytes).</summary>
    public ParticipantPseudonyms(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"a pseudonym key is {KeySize} bytes, got {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>
    /// Reads the key file at <paramref name="path"/> (64 hex digits), creating it (owner-only) from
    /// <paramref name="source"/> (the OS CSPRNG by default) when absent.
    /// </summary>
    /// <exception cref="FormatException">The file exists but does not hold 64 hex digits.</exception>
    public static ParticipantPseudonyms LoadOrCreate(string path, INonceSource? source = null)
    {
        if (!File.Exists(path))
        {
            var key = new byte[KeySize];
            (source ?? new CryptoNonceSource()).Fill(key);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
                writer.WriteLine(Convert.ToHexStringLower(key));
            return new ParticipantPseudonyms(key);
        }
        var text = File.ReadAllText(path).Trim();
        if (text.Length != 2 * KeySize || !text.All(Uri.IsHexDigit))
            throw new FormatException($"{path}: expected {2 * KeySize} hex digits (the site's pseudonym key)");
        return new ParticipantPseudonyms(Convert.FromHexString(text));
    }

    /// <summary>The participant's pseudonym in the trial: 64 lowercase hex digits.</summary>
    public string Of(string trialId, string participantId)
    {
        var input = Encoding.UTF8.GetBytes(trialId + "\0" + participantId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, input));
    }
}
