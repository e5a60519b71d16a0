using System.Text;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>Where the EVM ledger is and how it sends. The private key never appears in <see cref="ToString"/>.</summary>
public sealed record EvmLedgerOptions
{
    /// <summary>The node's JSON-RPC endpoint, e.g. <c>http://127.0.0.1:8545</c>.</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>The account's secp256k1 private key, 64 hex digits (0x prefix optional).</summary>
    public required string PrivateKey { get; init; }

    /// <summary>The deployed TrialRegistry; required to connect, ignored when deploying.</summary>
    public string? ContractAddress { get; init; }

    /// <summary>
    /// Blocks that must hold the transaction before a call returns: 1 is the block that mined it;
    /// more guards against reorganisations on public chains.
    /// </summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often to ask for a receipt or a new block while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long to wait for a receipt and its confirmations before giving up as unavailable.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Transaction pricing: EIP-1559 (default) or legacy.</summary>
    public EvmTransactionType TransactionType { get; init; } = EvmTransactionType.Eip1559;

    /// <summary>Percent added to the node's gas estimate as the gas limit (the unused part is not charged).</summary>
    public int GasMarginPercent { get; init; } = 25;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"RpcUrl = {RpcUrl}, ContractAddress = {ContractAddress ?? "(none)"}, Confirmations = {Confirmations}, ");
        builder.Append($"TransactionType = {TransactionType}, PrivateKey = (hidden)");
        return true;
    }
}
