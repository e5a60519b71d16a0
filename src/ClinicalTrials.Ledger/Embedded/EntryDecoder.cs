using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// Decodes lines of the format <see cref="EntryCodec"/> writes. Strict: any member missing,
/// extra or spelled in a non-canonical way (escapes in a hash, <c>1.0</c> for <c>1</c>, an
/// uppercase hex digit, another time format) is an error, so no edit can leave a line meaning
/// the same thing. Built for replaying large files: hashes, numbers, times and signatures are
/// read from the UTF-8 bytes without intermediate strings, and repeated names (accounts, trial
/// ids, the key id) are shared rather than copied per entry. One instance per thread.
/// </summary>
internal sealed class EntryDecoder
{
    private const int SignatureSize = 64;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8 };
    private static readonly SearchValues<byte> LowerHexDigits = SearchValues.Create("0123456789abcdef"u8);
    private static readonly string[] KindNames = Enum.GetNames<AnchorKind>();
    private static readonly AnchorKind[] KindValues = Enum.GetValues<AnchorKind>();

    private readonly string?[] _recent = new string?[16];
    private int _next;

    /// <summary>Decodes one line (without its end of line); never throws for bad input.</summary>
    public DecodeResult Decode(ReadOnlyMemory<byte> line, int lineNumber)
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

    private LedgerEntry Read(JsonElement root, int lineNumber)
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
        var time = Time(entry, "time", "entry.time");
        string account = Text(entry, "account", "entry.account");
        var operation = ReadOperation(entry.GetProperty("op"), entry.GetProperty("args"));
        var previous = Hash(entry, "prev", "entry.prev");

        var signature = root.GetProperty("signature");
        ExpectMembers(signature, "signature", "alg", "key_id", "value");
        if (!signature.GetProperty("alg").ValueEquals(EnvelopeSigner.Algorithm))
            throw new EntryFormatException($"signature.alg is not '{EnvelopeSigner.Algorithm}'");
        string keyId = Text(signature, "key_id", "signature.key_id");
        byte[]? value = SignatureBytes(Raw(signature, "value", "signature.value"));

        return new LedgerEntry(lineNumber, sequence, time, account, operation, previous, hash, computed, keyId, value);
    }

    private LedgerOperation ReadOperation(JsonElement op, JsonElement args)
    {
        if (op.ValueKind != JsonValueKind.String) throw new EntryFormatException("entry.op is not a string");
        if (op.ValueEquals(AnchorOperation.OpName))
        {
            ExpectMembers(args, "anchor args", "trial_id", "kind", "root", "leaf_count");
            return new AnchorOperation(Text(args, "trial_id", "args.trial_id"), Kind(args.GetProperty("kind")),
                Hash(args, "root", "args.root"), Integer(args, "leaf_count", "args.leaf_count"));
        }
        if (op.ValueEquals(RegisterTrialOperation.OpName))
        {
            ExpectMembers(args, "register_trial args", "trial_id", "protocol_hash", "sap_hash");
            return new RegisterTrialOperation(Text(args, "trial_id", "args.trial_id"),
                Hash(args, "protocol_hash", "args.protocol_hash"), Hash(args, "sap_hash", "args.sap_hash"));
        }
        if (op.ValueEquals(AmendOperation.OpName))
        {
            ExpectMembers(args, "amend args", "trial_id", "version", "protocol_hash", "sap_hash", "reason_hash");
            long version = Integer(args, "version", "args.version");
            if (version is < 1 or > int.MaxValue) throw new EntryFormatException($"args.version {version} is out of range");
            return new AmendOperation(Text(args, "trial_id", "args.trial_id"), (int)version,
                Hash(args, "protocol_hash", "args.protocol_hash"), Hash(args, "sap_hash", "args.sap_hash"),
                Hash(args, "reason_hash", "args.reason_hash"));
        }
        if (op.ValueEquals(RegisterSiteKeyOperation.OpName))
        {
            ExpectMembers(args, "register_site_key args", "trial_id", "site_id", "public_key", "anchor_account");
            return new RegisterSiteKeyOperation(Text(args, "trial_id", "args.trial_id"), Text(args, "site_id", "args.site_id"),
                Hex32(args, "public_key", "args.public_key"), Text(args, "anchor_account", "args.anchor_account"));
        }
        if (op.ValueEquals(RevokeSiteKeyOperation.OpName))
        {
            ExpectMembers(args, "revoke_site_key args", "trial_id", "site_id");
            return new RevokeSiteKeyOperation(Text(args, "trial_id", "args.trial_id"), Text(args, "site_id", "args.site_id"));
        }
        if (op.ValueEquals(GenesisOperation.OpName))
        {
            ExpectMembers(args, "genesis args", "format", "notice", "public_key", "key_id");
            return new GenesisOperation(Text(args, "format", "args.format"), Text(args, "notice", "args.notice"),
                Hex32(args, "public_key", "args.public_key"), Text(args, "key_id", "args.key_id"));
        }
        throw new EntryFormatException($"entry.op '{Shorten(op.GetString()!)}' is not an operation");
    }

    /// <summary>Exactly these members, each once; the detailed message is built only on failure.</summary>
    private static void ExpectMembers(JsonElement element, string what, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new EntryFormatException($"{what} is not an object");
        int count = 0;
        foreach (var _ in element.EnumerateObject()) count++;
        if (count == names.Length && names.All(n => element.TryGetProperty(n, out _))) return;

        foreach (var property in element.EnumerateObject())
            if (Array.IndexOf(names, property.Name) < 0)
                throw new EntryFormatException($"{what} has an unexpected member '{Shorten(property.Name)}'");
        var missing = names.Where(n => !element.TryGetProperty(n, out _)).ToArray();
        throw new EntryFormatException(missing.Length > 0 ? $"{what} has no '{string.Join("', '", missing)}'" : $"{what} repeats a member");
    }

    /// <summary>A string member, shared with an equal recent one so replayed state holds one copy per distinct name.</summary>
    private string Text(JsonElement parent, string name, string path)
    {
        var value = parent.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String) throw new EntryFormatException($"{path} is not a string");
        foreach (string? recent in _recent)
            if (recent is not null && value.ValueEquals(recent)) return recent;
        string text = value.GetString()!;
        _recent[_next] = text;
        _next = (_next + 1) % _recent.Length;
        return text;
    }

    /// <summary>The UTF-8 bytes of a string member without its quotes; escapes are refused (never canonical here).</summary>
    private static ReadOnlySpan<byte> Raw(JsonElement parent, string name, string path)
    {
        var value = parent.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String) throw new EntryFormatException($"{path} is not a string");
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        if (inner.Contains((byte)'\\')) throw new EntryFormatException($"{path} is written with escapes");
        return inner;
    }

    private static ContentHash Hash(JsonElement parent, string name, string path)
    {
        var text = Raw(parent, name, path);
        Span<byte> digest = stackalloc byte[ContentHash.Size];
        // Lowercase only: an uppercase digit would parse to the same hash yet be a different line.
        if (!text.StartsWith("sha256:"u8) || !TryLowerHex(text["sha256:"u8.Length..], digest))
            throw new EntryFormatException($"{path} is not a content hash (sha256: and 64 lowercase hex digits)");
        return new ContentHash(digest);
    }

    private static byte[] Hex32(JsonElement parent, string name, string path)
    {
        byte[] bytes = new byte[32];
        if (!TryLowerHex(Raw(parent, name, path), bytes)) throw new EntryFormatException($"{path} is not 64 lowercase hex digits");
        return bytes;
    }

    private static bool TryLowerHex(ReadOnlySpan<byte> hex, Span<byte> destination) =>
        hex.Length == 2 * destination.Length
        && !hex.ContainsAnyExcept(LowerHexDigits)
        && Convert.FromHexString(hex, destination, out _, out int written) == OperationStatus.Done
        && written == destination.Length;

    /// <summary>A non-negative integer in its one canonical spelling (no sign, fraction, exponent or leading zero).</summary>
    private static long Integer(JsonElement parent, string name, string path)
    {
        var value = parent.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number) throw new EntryFormatException($"{path} is not a number");
        var raw = JsonMarshal.GetRawUtf8Value(value);
        bool negative = raw.Length > 1 && raw[0] == (byte)'-';
        var digits = negative ? raw[1..] : raw;
        if (digits.Length is 0 or > 16 || (digits[0] == (byte)'0' && (digits.Length > 1 || negative)))
            throw new EntryFormatException($"{path} is not written as a plain integer");
        long number = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') throw new EntryFormatException($"{path} is not written as a plain integer");
            number = number * 10 + (b - '0');
        }
        if (number > EntryCodec.MaxSafeInteger) throw new EntryFormatException($"{path} is larger than {EntryCodec.MaxSafeInteger}");
        return negative ? -number : number;
    }

    /// <summary>Exactly <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (one spelling per instant).</summary>
    private static DateTimeOffset Time(JsonElement parent, string name, string path)
    {
        var t = Raw(parent, name, path);
        if (t.Length != 28 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' || t[27] != 'Z')
            throw BadTime(path);
        int Digits(ReadOnlySpan<byte> span, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = span[i] - '0';
                if (digit is < 0 or > 9) throw BadTime(path);
                value = value * 10 + digit;
            }
            return value;
        }
        int year = Digits(t, 0, 4), month = Digits(t, 5, 2), day = Digits(t, 8, 2);
        int hour = Digits(t, 11, 2), minute = Digits(t, 14, 2), second = Digits(t, 17, 2), ticks = Digits(t, 20, 7);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            throw BadTime(path);
        return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
    }

    private static EntryFormatException BadTime(string path) =>
        new($"{path} is not a UTC time in the form yyyy-MM-ddTHH:mm:ss.fffffffZ");

    private static AnchorKind Kind(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            // Only the exact enum name: a number or another casing would be a second spelling of the same entry.
            for (int i = 0; i < KindNames.Length; i++)
                if (value.ValueEquals(KindNames[i])) return KindValues[i];
        }
        throw new EntryFormatException($"args.kind {Shorten(value.GetRawText())} is not an anchor kind");
    }

    /// <summary>The 64 signature bytes, or null when the text is not their canonical base64url (a malformed signature, not a damaged line).</summary>
    private static byte[]? SignatureBytes(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[SignatureSize];
        if (Base64Url.DecodeFromUtf8(text, bytes, out int consumed, out int written) != OperationStatus.Done
            || consumed != text.Length || written != SignatureSize)
            return null;
        Span<byte> again = stackalloc byte[Base64Url.GetEncodedLength(SignatureSize)];
        return Base64Url.EncodeToUtf8(bytes, again, out _, out int length) == OperationStatus.Done && again[..length].SequenceEqual(text)
            ? bytes
            : null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
