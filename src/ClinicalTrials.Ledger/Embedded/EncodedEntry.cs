using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>An entry ready to append: its hash and its line, end of line included.</summary>
internal sealed record EncodedEntry(ContentHash Hash, byte[] Line);
