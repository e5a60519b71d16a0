using Nethereum.RPC.Eth.DTOs;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>A successful transaction's receipt and the time of its block.</summary>
internal sealed record MinedTransaction(TransactionReceipt Receipt, DateTimeOffset BlockTime);
