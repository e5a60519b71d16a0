namespace ClinicalTrials.Ledger.Embedded;

/// <summary>One problem found in an embedded ledger file.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Line">The 1-based line concerned, when there is one.</param>
/// <param name="Sequence">The entry's sequence number, when known (for a gap: the first missing one).</param>
/// <param name="Message">What is wrong, naming the line and entry.</param>
public sealed record EmbeddedLedgerProblem(EmbeddedLedgerProblemKind Kind, int? Line, long? Sequence, string Message)
{
    /// <summary>The message, prefixed by the kind.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}
