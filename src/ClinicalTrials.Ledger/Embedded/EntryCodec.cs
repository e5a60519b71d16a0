using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// The line format. Each line is the RFC 8785 canonical form of
/// <c>{"entry":{account,args,op,prev,seq,time},"hash":"sha256:…","signature":{alg,key_id,value}}</c>;
/// <c>hash</c> is SHA-256 of the canonical <c>entry</c> object (the entry without its hash and
/// signature) and <c>signature</c> is an Ed25519 envelope signature (Core's
/// <see cref="EnvelopeSigner"/>) over the payload <c>{"embedded_ledger_entry":"sha256:…"}</c>.
/// Decoding is strict: any member missing, extra or in a non-canonical spelling is an error,
/// so that no edit of a line can leave it meaning the same thing.
/// </summary>
internal static class EntryCodec
{
    public const string Format = "clinicaltrials.embedded-ledger/v1";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Largest integer a canonical JSON number (an IEEE double) holds exactly.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    public static readonly ContentHash ZeroHash = new(new byte[ContentHash.Size]);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8 };

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The canonical text the entry's signature covers.</summary>
    public static string SignedPayload(ContentHash hash) => "{\"embedded_ledger_entry\":\"" + hash + "\"}";

    public static EncodedEntry Encode(long sequence, DateTimeOffset time, string account, LedgerOperation operation, ContentHash previous, SigningKey key)
    {
        var entry = new JsonObject
        {
            ["seq"] = sequence,
            ["time"] = FormatTime(time),
            ["account"] = account,
            ["op"] = operation.Name,
            ["args"] = operation.ToArgs(),
            ["prev"] = previous.ToString(),
        };
        var hash = ContentHash.OfBytes(CanonicalJson.Canonicalize(entry));
        var envelope = EnvelopeSigner.Sign(new JsonObject { ["embedded_ledger_entry"] = hash.ToString() }, key);
        var line = new JsonObject
        {
            ["entry"] = entry,
            ["hash"] = hash.ToString(),
            ["signature"] = new JsonObject
            {
                ["alg"] = envelope.Algorithm,
                ["key_id"] = envelope.KeyId,
                ["value"] = envelope.Signature,
            },
        };
        byte[] canonical = CanonicalJson.Canonicalize(line);
        byte[] bytes = new byte[canonical.Length + 1];
        canonical.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return new EncodedEntry(hash, bytes);
    }

    /// <summary>Checks the signature of <paramref name="entry"/> against <paramref name="ledgerKey"/>.</summary>
    public static VerificationStatus VerifySignature(LedgerEntry entry, KeyRing ledgerKey) =>
        EnvelopeVerifier.Verify(
            new SignedEnvelope(SignedPayload(entry.Hash), entry.KeyId, EnvelopeSigner.Algorithm, entry.Signature),
            ledgerKey).Status;

    /// <summary>Decodes one line (without its end of line); never throws for bad input.</summary>
    public static DecodeResult Decode(ReadOnlyMemory<byte> line, int lineNumber)
    {
        if (line.IsEmpty) return DecodeResult.Damaged("empty line");
        try
        {
            using var document = JsonDocument.Parse(line, ParseOptions);
            return DecodeResult.Ok(Read(document.RootElement, lineNumber));
        }
        catch (JsonException e)
        {
            return DecodeResult.Damaged($"not JSON ({FirstSentence(e.Message)})");
        }
        catch (CanonicalJsonException e)
        {
            return DecodeResult.Damaged($"entry has no canonical form ({e.Message})");
        }
        catch (EntryFormatException e)
        {
            return DecodeResult.Damaged(e.Message);
        }
    }

    private static LedgerEntry Read(JsonElement root, int lineNumber)
    {
        ExpectMembers(root, "line", "entry", "hash", "signature");
        var entry = root.GetProperty("entry");
        ExpectMembers(entry, "entry", "account", "args", "op", "prev", "seq", "time");
        var hash = Hash(root, "hash", "hash");
        // Lines are written canonically, so the entry's raw bytes usually are its canonical form:
        // if they hash to the recorded hash they are exactly the bytes that were hashed and signed
        // (SHA-256 is collision resistant), and canonicalizing again is skipped.
        var computed = ContentHash.OfBytes(JsonMarshal.GetRawUtf8Value(entry));
        if (computed != hash) computed = ContentHash.OfBytes(CanonicalJson.Canonicalize(entry));

        long sequence = Integer(entry, "seq", "entry.seq");
        if (sequence < 0) throw new EntryFormatException($"entry.seq is negative ({sequence})");
        string timeText = Text(entry, "time", "entry.time");
        var time = ParseTime(timeText)
            ?? throw new EntryFormatException($"entry.time '{Shorten(timeText)}' is not a UTC time in the form yyyy-MM-ddTHH:mm:ss.fffffffZ");
        string account = Text(entry, "account", "entry.account");
        string op = Text(entry, "op", "entry.op");
        var operation = ReadOperation(op, entry.GetProperty("args"));
        var previous = Hash(entry, "prev", "entry.prev");

        var signature = root.GetProperty("signature");
        ExpectMembers(signature, "signature", "alg", "key_id", "value");
        string algorithm = Text(signature, "alg", "signature.alg");
        if (algorithm != EnvelopeSigner.Algorithm)
            throw new EntryFormatException($"signature.alg is '{algorithm}', expected '{EnvelopeSigner.Algorithm}'");
        string keyId = Text(signature, "key_id", "signature.key_id");
        string value = Text(signature, "value", "signature.value");

        return new LedgerEntry(lineNumber, sequence, time, account, operation, previous, hash, computed, keyId, value);
    }

    private static LedgerOperation ReadOperation(string op, JsonElement args)
    {
        switch (op)
        {
            case GenesisOperation.OpName:
                ExpectMembers(args, "genesis args", "format", "notice", "public_key", "key_id");
                return new GenesisOperation(Text(args, "format", "args.format"), Text(args, "notice", "args.notice"),
                    Hex32(args, "public_key", "args.public_key"), Text(args, "key_id", "args.key_id"));
            case RegisterTrialOperation.OpName:
                ExpectMembers(args, "register_trial args", "trial_id", "protocol_hash", "sap_hash");
                return new RegisterTrialOperation(Text(args, "trial_id", "args.trial_id"),
                    Hash(args, "protocol_hash", "args.protocol_hash"), Hash(args, "sap_hash", "args.sap_hash"));
            case AmendOperation.OpName:
                ExpectMembers(args, "amend args", "trial_id", "version", "protocol_hash", "sap_hash", "reason_hash");
                long version = Integer(args, "version", "args.version");
                if (version is < 1 or > int.MaxValue) throw new EntryFormatException($"args.version {version} is out of range");
                return new AmendOperation(Text(args, "trial_id", "args.trial_id"), (int)version,
                    Hash(args, "protocol_hash", "args.protocol_hash"), Hash(args, "sap_hash", "args.sap_hash"),
                    Hash(args, "reason_hash", "args.reason_hash"));
            case RegisterSiteKeyOperation.OpName:
                ExpectMembers(args, "register_site_key args", "trial_id", "site_id", "public_key", "anchor_account");
                return new RegisterSiteKeyOperation(Text(args, "trial_id", "args.trial_id"), Text(args, "site_id", "args.site_id"),
                    Hex32(args, "public_key", "args.public_key"), Text(args, "anchor_account", "args.anchor_account"));
            case RevokeSiteKeyOperation.OpName:
                ExpectMembers(args, "revoke_site_key args", "trial_id", "site_id");
                return new RevokeSiteKeyOperation(Text(args, "trial_id", "args.trial_id"), Text(args, "site_id", "args.site_id"));
            case AnchorOperation.OpName:
                ExpectMembers(args, "anchor args", "trial_id", "kind", "root", "leaf_count");
                string kindText = Text(args, "kind", "args.kind");
                // Only the exact enum name: a number or another casing would be a second spelling of the same entry.
                if (!Enum.TryParse<AnchorKind>(kindText, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || kind.ToString() != kindText)
                    throw new EntryFormatException($"args.kind '{kindText}' is not an anchor kind");
                return new AnchorOperation(Text(args, "trial_id", "args.trial_id"), kind,
                    Hash(args, "root", "args.root"), Integer(args, "leaf_count", "args.leaf_count"));
            default:
                throw new EntryFormatException($"entry.op '{op}' is not an operation");
        }
    }

    private static void ExpectMembers(JsonElement element, string what, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new EntryFormatException($"{what} is not an object");
        int count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(names, property.Name) < 0) throw new EntryFormatException($"{what} has an unexpected member '{property.Name}'");
            count++;
        }
        // Duplicates are refused by canonicalization for the entry; counting catches them elsewhere.
        if (count != names.Length)
        {
            var missing = names.Where(n => !element.TryGetProperty(n, out _)).ToArray();
            throw new EntryFormatException(missing.Length > 0
                ? $"{what} has no '{string.Join("', '", missing)}'"
                : $"{what} repeats a member");
        }
    }

    private static string Text(JsonElement parent, string name, string path)
    {
        var value = parent.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String) throw new EntryFormatException($"{path} is not a string");
        return value.GetString()!;
    }

    private static long Integer(JsonElement parent, string name, string path)
    {
        var value = parent.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number) || number > MaxSafeInteger || number < -MaxSafeInteger)
            throw new EntryFormatException($"{path} is not an integer");
        // Canonical spelling only (no "1.0", "1e0", "-0").
        if (value.GetRawText() != number.ToString(CultureInfo.InvariantCulture))
            throw new EntryFormatException($"{path} is not written as a plain integer");
        return number;
    }

    private static ContentHash Hash(JsonElement parent, string name, string path)
    {
        string text = Text(parent, name, path);
        Span<byte> digest = stackalloc byte[ContentHash.Size];
        // Lowercase only: an uppercase digit would parse to the same hash yet be a different line.
        if (!text.StartsWith(ContentHash.Prefix, StringComparison.Ordinal) || !TryLowerHex(text.AsSpan(ContentHash.Prefix.Length), digest))
            throw new EntryFormatException($"{path} '{Shorten(text)}' is not a content hash (sha256: and 64 lowercase hex digits)");
        return new ContentHash(digest);
    }

    private static byte[] Hex32(JsonElement parent, string name, string path)
    {
        string text = Text(parent, name, path);
        byte[] bytes = new byte[32];
        if (!TryLowerHex(text, bytes)) throw new EntryFormatException($"{path} is not 64 lowercase hex digits");
        return bytes;
    }

    private static bool TryLowerHex(ReadOnlySpan<char> hex, Span<byte> destination) =>
        hex.Length == 2 * destination.Length
        && !hex.ContainsAnyExcept(LowerHexDigits)
        && Convert.FromHexString(hex, destination, out _, out int written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    /// <summary>Exactly <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (one spelling per instant), or null.</summary>
    private static DateTimeOffset? ParseTime(string text)
    {
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
            return null;
        int Digits(int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = text[i] - '0';
                if (digit is < 0 or > 9) return -1;
                value = value * 10 + digit;
            }
            return value;
        }
        int year = Digits(0, 4), month = Digits(5, 2), day = Digits(8, 2), hour = Digits(11, 2), minute = Digits(14, 2), second = Digits(17, 2), ticks = Digits(20, 7);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || ticks < 0)
            return null;
        return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
