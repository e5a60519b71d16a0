using System.Security.Cryptography;
using System.Text;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>Deterministic hashes, keys and file edits for the embedded ledger tests.</summary>
internal static class TestData
{
    public const string Sponsor = "sponsor:acme";
    public const string Trial = "HT-001";

    public static ContentHash Hash(string text) => ContentHash.OfBytes(Encoding.UTF8.GetBytes(text));

    public static SigningKey Key(string name) => SigningKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static byte[] PublicKey(string name)
    {
        using var key = Key(name);
        return key.PublicKey.ToRawBytes();
    }

    /// <summary>The file's lines without their ends of line (the file must end with one).</summary>
    public static List<string> ReadLines(string path)
    {
        string text = System.IO.File.ReadAllText(path);
        Assert.EndsWith("\n", text);
        return [.. text[..^1].Split('\n')];
    }

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        System.IO.File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
}
