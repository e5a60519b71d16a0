namespace ClinicalTrials.Ledger.Embedded;

/// <summary>How many entry signatures a verification checks.</summary>
public enum SignatureCheck
{
    /// <summary>
    /// Every entry's signature. What an auditor wants: also finds an entry whose signature alone
    /// was damaged. Costs one Ed25519 verification (about 60 µs) per entry, spread over all cores.
    /// </summary>
    All,

    /// <summary>
    /// The genesis, the last entry, and any entry whose place in the chain is in doubt. Every
    /// entry's hash and link is still checked, so the signed last entry vouches for all entries
    /// before it: content cannot change without breaking a hash, a link or that signature. What
    /// <see cref="EmbeddedLedger.Open(string, Core.Signing.SigningKey, TimeProvider, SignatureCheck)"/> uses by default.
    /// </summary>
    Head,
}
