namespace ClinicalTrials.Ledger;

/// <summary>
/// Where and when the ledger recorded something: a transaction hash and block on an EVM chain,
/// or an entry id and sequence number in the embedded ledger file.
/// </summary>
/// <param name="Ledger">Which ledger: e.g. <c>evm:31337/0xabc…</c> or <c>embedded:ledger.jsonl</c>.</param>
/// <param name="TransactionId">Transaction hash (EVM) or entry hash (embedded).</param>
/// <param name="Block">Block number (EVM) or entry sequence number (embedded).</param>
/// <param name="Timestamp">Block or entry time.</param>
public sealed record LedgerReceipt(string Ledger, string TransactionId, long Block, DateTimeOffset Timestamp);
