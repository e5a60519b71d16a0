using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// What <see cref="EmbeddedLedgerVerifier"/> found. A valid report with <see cref="KeyTrusted"/>
/// false only says the file is consistent with the key it records; pass the expected key to
/// know it is the ledger you think it is.
/// </summary>
/// <param name="Path">The file verified.</param>
/// <param name="Ledger">The ledger's name, <c>embedded:&lt;file name&gt;</c>.</param>
/// <param name="Lines">Lines in the file (an incomplete last line included).</param>
/// <param name="Entries">Entries that are part of the chain.</param>
/// <param name="KeyId">The key id the genesis entry records, or null without a genesis.</param>
/// <param name="KeyTrusted">True when an expected key was given and the ledger's key is that key.</param>
/// <param name="Signatures">Which signatures were meant to be checked.</param>
/// <param name="SignaturesVerified">How many signatures were actually checked cryptographically.</param>
/// <param name="HeadSequence">Sequence number of the last entry of the chain, or null when there is none.</param>
/// <param name="HeadHash">Hash of that entry.</param>
/// <param name="Problems">Every problem found, in file order; empty when the ledger verifies.</param>
public sealed record EmbeddedLedgerReport(
    string Path,
    string Ledger,
    int Lines,
    long Entries,
    string? KeyId,
    bool KeyTrusted,
    SignatureCheck Signatures,
    long SignaturesVerified,
    long? HeadSequence,
    ContentHash? HeadHash,
    IReadOnlyList<EmbeddedLedgerProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>One line per problem, or a one-line summary when there is none.</summary>
    public override string ToString() => IsValid
        ? $"{Path}: {Entries} entries verify (key {KeyId}{(KeyTrusted ? ", as expected" : ", not compared with an expected key")}; head {HeadSequence} {HeadHash})"
        : $"{Path}: {Problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, Problems.Select(p => "  " + p));
}
