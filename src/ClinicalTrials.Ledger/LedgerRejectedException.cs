namespace ClinicalTrials.Ledger;

/// <summary>
/// The ledger refused the operation by its rules (on an EVM chain: the contract reverted), e.g.
/// "not the trial's sponsor". <see cref="Reason"/> is the contract's own message.
/// </summary>
public sealed class LedgerRejectedException(string operation, string reason)
    : LedgerException($"{operation} rejected: {reason}")
{
    /// <summary>The operation, e.g. <c>anchor(HT-001, Result)</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The rule's message.</summary>
    public string Reason { get; } = reason;
}
