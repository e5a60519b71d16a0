namespace ClinicalTrials.Ledger.Embedded;

/// <summary>What is wrong with an embedded ledger file.</summary>
public enum EmbeddedLedgerProblemKind
{
    /// <summary>A line is not JSON, or not a ledger entry (a member missing, extra or malformed).</summary>
    DamagedLine,

    /// <summary>The last line has no end of line: the writer stopped while appending it.</summary>
    TruncatedLine,

    /// <summary>There is no genesis entry 0 recording the ledger's public key.</summary>
    MissingGenesis,

    /// <summary>The ledger's key is not the expected one, or an entry is signed by a key other than the ledger's.</summary>
    ForeignKey,

    /// <summary>An entry's content does not hash to the hash it records: it was edited.</summary>
    HashMismatch,

    /// <summary>An entry's previous-hash is not the hash of the entry before it.</summary>
    BrokenLink,

    /// <summary>Sequence numbers are missing: entries were removed.</summary>
    MissingEntries,

    /// <summary>A line that is not part of the chain: a duplicate sequence number, or out of place and not authentic.</summary>
    InsertedEntry,

    /// <summary>An authentic entry that is out of order in the file.</summary>
    Reordered,

    /// <summary>An entry's signature does not verify with the ledger's key.</summary>
    BadSignature,

    /// <summary>A signed entry that the ledger's rules would have refused.</summary>
    RuleViolation,

    /// <summary>A receipt the ledger issued is not in the file (entries after it removed) or names another entry.</summary>
    ReceiptMismatch,
}
