using System.Buffers.Text;
using System.Globalization;
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
/// <see cref="EntryDecoder"/> reads it back.
/// </summary>
internal static class EntryCodec
{
    public const string Format = "clinicaltrials.embedded-ledger/v1";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Largest integer a canonical JSON number (an IEEE double) holds exactly.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    public static readonly ContentHash ZeroHash = new(new byte[ContentHash.Size]);

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
        entry.Signature is null
            ? VerificationStatus.Malformed
            : EnvelopeVerifier.Verify(
                new SignedEnvelope(SignedPayload(entry.Hash), entry.KeyId, EnvelopeSigner.Algorithm, Base64Url.EncodeToString(entry.Signature)),
                ledgerKey).Status;
}
