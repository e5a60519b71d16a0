using System.Text;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger.Embedded;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>What an attacker (or a crash) might do to a ledger file, line by line.</summary>
internal static class TamperTools
{
    public static LedgerEntry Decode(string line, int lineNumber = 1) =>
        new EntryDecoder().Decode(Encoding.UTF8.GetBytes(line), lineNumber).Entry ?? throw new InvalidOperationException("not an entry");

    public static string Encode(long sequence, string account, LedgerOperation operation, ContentHash previous, SigningKey key) =>
        Encoding.UTF8.GetString(EntryCodec.Encode(sequence, new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), account, operation, previous, key).Line).TrimEnd('\n');

    public static string Encode(LedgerEntry entry, ContentHash previous, SigningKey key) =>
        Encoding.UTF8.GetString(EntryCodec.Encode(entry.Sequence, entry.Time, entry.Account, entry.Operation, previous, key).Line).TrimEnd('\n');

    /// <summary>Rewrites every entry as if <paramref name="key"/> had kept the ledger from the start.</summary>
    public static List<string> ResignEverything(List<string> lines, SigningKey key)
    {
        var result = new List<string>();
        var previous = EntryCodec.ZeroHash;
        foreach (string line in lines)
        {
            var entry = Decode(line);
            if (entry.Operation is GenesisOperation genesis)
                entry = entry with { Operation = genesis with { PublicKey = key.PublicKey.ToRawBytes(), KeyId = key.KeyId } };
            string rewritten = Encode(entry, previous, key);
            previous = Decode(rewritten).Hash;
            result.Add(rewritten);
        }
        return result;
    }

    /// <summary>Keeps the line's content and hash but signs it with <paramref name="key"/>.</summary>
    public static string Resign(string line, SigningKey key)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        var hash = ContentHash.Parse(node["hash"]!.GetValue<string>());
        var envelope = EnvelopeSigner.Sign(new JsonObject { ["embedded_ledger_entry"] = hash.ToString() }, key);
        node["signature"] = new JsonObject { ["alg"] = "Ed25519", ["key_id"] = envelope.KeyId, ["value"] = envelope.Signature };
        return node.ToJsonString();
    }

    /// <summary>Replaces one member of the line's JSON, leaving everything else as it was.</summary>
    public static string Set(string line, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    public static string HashOf(string line) => JsonNode.Parse(line)!["hash"]!.GetValue<string>();
}
