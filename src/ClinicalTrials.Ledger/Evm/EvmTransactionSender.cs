using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// Sends transactions from one account: estimates gas (which is where a refusal shows, with the
/// contract's message), prices, assigns the nonce, signs offline, sends, and waits for the
/// receipt and its confirmations.
/// </summary>
/// <remarks>
/// Nonces: the next nonce is read from the node once and then counted here, under a lock that
/// covers signing and sending, so concurrent callers get distinct, gap-free nonces; a nonce is
/// only used up when the node accepted the transaction. Nethereum's InMemoryNonceService hands
/// out the nonce before the transaction is sent, so a failed send would leave a gap that stalls
/// every later transaction.
/// </remarks>
internal sealed class EvmTransactionSender(EvmRpc rpc, Account account, BigInteger chainId, EvmLedgerOptions options, TimeProvider time)
{
    private const int SendAttempts = 3;
    private readonly AccountOfflineTransactionSigner _signer = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private BigInteger? _nextNonce;

    /// <summary>The sending account, EIP-55 checksummed.</summary>
    public string Address => account.Address;

    /// <summary>The chain id every transaction is signed for (EIP-155).</summary>
    public BigInteger ChainId => chainId;

    /// <summary>Signs a fully specified transaction (nonce, gas, fees, type) without the node.</summary>
    public string Sign(TransactionInput transaction) => _signer.SignTransaction(account, transaction, chainId).EnsureHexPrefix();

    /// <summary>Sends a call of <paramref name="data"/> to <paramref name="to"/> (null creates a contract) and waits for it.</summary>
    /// <exception cref="LedgerRejectedException">The contract refused; the reason is its message.</exception>
    /// <exception cref="LedgerUnavailableException">The node did not answer, or the transaction was not mined in time.</exception>
    public async Task<MinedTransaction> SendAsync(string operation, string? to, string data, CancellationToken cancellationToken)
    {
        var call = new CallInput { From = Address, To = to, Data = data, Value = new HexBigInteger(0) };
        // A refusal shows here, before anything is signed or a nonce is used.
        var estimate = await rpc.Guard(operation, () => rpc.Web3.Eth.Transactions.EstimateGas.SendRequestAsync(call), cancellationToken)
            .ConfigureAwait(false);
        var gas = estimate.Value * (100 + options.GasMarginPercent) / 100;
        var transaction = new TransactionInput
        {
            From = Address,
            To = to,
            Data = data,
            Value = new HexBigInteger(0),
            Gas = new HexBigInteger(gas),
            ChainId = new HexBigInteger(chainId),
        };
        await PriceAsync(operation, transaction, cancellationToken).ConfigureAwait(false);

        var hash = await SignAndSendAsync(operation, transaction, cancellationToken).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(operation, hash, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value != 1)
        {
            throw new LedgerRejectedException(operation, await ReasonOfFailureAsync(operation, call, receipt, gas, cancellationToken).ConfigureAwait(false));
        }

        var block = await rpc.Guard(operation,
            () => rpc.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
        var timestamp = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
        return new MinedTransaction(receipt, timestamp);
    }

    private async Task PriceAsync(string operation, TransactionInput transaction, CancellationToken cancellationToken)
    {
        if (options.TransactionType == EvmTransactionType.Legacy)
        {
            transaction.Type = new HexBigInteger(0);
            transaction.GasPrice = await rpc.Guard(operation, () => rpc.Web3.Eth.GasPrice.SendRequestAsync(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var latest = await rpc.Guard(operation,
            () => rpc.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()), cancellationToken)
            .ConfigureAwait(false);
        var baseFee = latest.BaseFeePerGas?.Value
            ?? throw new LedgerException($"{operation}: the chain at {rpc.Url} has no base fee (no EIP-1559); use the legacy transaction type");
        var tip = await rpc.Guard(operation, () => new EthMaxPriorityFeePerGas(rpc.Client).SendRequestAsync(), cancellationToken)
            .ConfigureAwait(false);
        transaction.Type = new HexBigInteger(2);
        transaction.MaxPriorityFeePerGas = tip;
        // Twice the base fee keeps the transaction includable through six full blocks of fee rises.
        transaction.MaxFeePerGas = new HexBigInteger(2 * baseFee + tip.Value);
    }

    private async Task<string> SignAndSendAsync(string operation, TransactionInput transaction, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                _nextNonce ??= (await rpc.Guard(operation,
                    () => rpc.Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Address, BlockParameter.CreatePending()),
                    cancellationToken).ConfigureAwait(false)).Value;
                transaction.Nonce = new HexBigInteger(_nextNonce.Value);
                var raw = Sign(transaction);
                try
                {
                    var hash = await rpc.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw).ConfigureAwait(false);
                    _nextNonce += 1;
                    return hash;
                }
                catch (RpcResponseException e) when (attempt < SendAttempts && IsNonceConflict(e.RpcError))
                {
                    // Another sender used this account: count again from the node's view.
                    _nextNonce = null;
                }
                catch (Exception e) when (rpc.Translate(operation, e) is { } translated)
                {
                    _nextNonce = null;
                    throw translated;
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static bool IsNonceConflict(RpcError error) =>
        error.Message is { } message
        && (message.Contains("nonce", StringComparison.OrdinalIgnoreCase) || message.Contains("already known", StringComparison.OrdinalIgnoreCase));

    private async Task<TransactionReceipt> WaitForReceiptAsync(string operation, string hash, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var receipt = await rpc.Guard(operation, () => rpc.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash), cancellationToken)
                .ConfigureAwait(false);
            if (receipt?.BlockNumber is not null && options.Confirmations <= 1) return receipt;
            if (receipt?.BlockNumber is not null)
            {
                var confirmedAt = receipt.BlockNumber.Value + options.Confirmations - 1;
                var head = await rpc.Guard(operation, () => rpc.Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken)
                    .ConfigureAwait(false);
                if (head.Value >= confirmedAt)
                {
                    // Read again: a reorganisation while waiting may have dropped or moved the transaction.
                    var again = await rpc.Guard(operation, () => rpc.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash), cancellationToken)
                        .ConfigureAwait(false);
                    if (again?.BlockHash == receipt.BlockHash) return receipt;
                }
            }

            if (time.GetElapsedTime(started) > options.ReceiptTimeout)
            {
                // The transaction may have been dropped; the next send counts nonces from the node again.
                await ForgetNonceAsync().ConfigureAwait(false);
                var state = receipt is null ? "was not mined" : $"did not reach {options.Confirmations} confirmations";
                throw new LedgerUnavailableException($"{operation}: transaction {hash} {state} within {options.ReceiptTimeout}");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ForgetNonceAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _nextNonce = null;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// A mined transaction that failed carries no message; replaying it on the state it left
    /// (where a competing transaction that won the race is already applied) recovers the reason.
    /// </summary>
    private async Task<string> ReasonOfFailureAsync(string operation, CallInput call, TransactionReceipt receipt, BigInteger gasLimit, CancellationToken cancellationToken)
    {
        if (receipt.GasUsed?.Value >= gasLimit) return $"transaction {receipt.TransactionHash} ran out of gas (limit {gasLimit})";
        try
        {
            await rpc.Guard(operation, () => rpc.Web3.Eth.Transactions.Call.SendRequestAsync(call, new BlockParameter(receipt.BlockNumber)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (LedgerRejectedException rejected)
        {
            return rejected.Reason;
        }

        return $"transaction {receipt.TransactionHash} reverted on chain in block {receipt.BlockNumber.Value}";
    }
}
