using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// One decoded line of the ledger file. <see cref="Hash"/> is what the line records;
/// <see cref="ComputedHash"/> is what its <c>entry</c> object actually hashes to.
/// <see cref="Signature"/> is null when the line's signature text is not 64 bytes of canonical base64url.
/// </summary>
internal sealed record LedgerEntry(
    int Line,
    long Sequence,
    DateTimeOffset Time,
    string Account,
    LedgerOperation Operation,
    ContentHash Previous,
    ContentHash Hash,
    ContentHash ComputedHash,
    string KeyId,
    byte[]? Signature)
{
    public bool HashMatches => Hash == ComputedHash;
}
