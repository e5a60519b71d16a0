using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>The key a verifier expects the ledger to be signed with: a full key, a key id, or nothing.</summary>
internal sealed record KeyExpectation(VerificationKey? Key, string? KeyId)
{
    public static readonly KeyExpectation None = new(null, null);

    public bool IsSet => Key is not null || KeyId is not null;

    public string Describe => Key?.KeyId ?? KeyId ?? "(none)";

    /// <summary>A full key is compared byte for byte, not just by its 64-bit id.</summary>
    public bool Matches(VerificationKey key) =>
        Key is not null ? Key.ToRawBytes().AsSpan().SequenceEqual(key.ToRawBytes()) : KeyId is null || KeyId == key.KeyId;
}
