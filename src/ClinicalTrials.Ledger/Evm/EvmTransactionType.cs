namespace ClinicalTrials.Ledger.Evm;

/// <summary>How the ledger prices its transactions.</summary>
public enum EvmTransactionType
{
    /// <summary>EIP-1559 (type 2): max fee and priority fee; the default on every current chain.</summary>
    Eip1559 = 0,

    /// <summary>Legacy (type 0) with an EIP-155 chain id and a gas price, for chains without EIP-1559.</summary>
    Legacy = 1,
}
