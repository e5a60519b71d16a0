using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// The node connection and the one place where Nethereum's exceptions become the ledger's: a
/// revert is a <see cref="LedgerRejectedException"/> with the contract's message, a node that does
/// not answer is a <see cref="LedgerUnavailableException"/>, anything else the node refuses is a
/// <see cref="LedgerException"/>.
/// </summary>
internal sealed class EvmRpc(IWeb3 web3, Uri url)
{
    public IWeb3 Web3 { get; } = web3;

    public IClient Client => Web3.Client;

    public Uri Url { get; } = url;

    /// <summary>Runs one node request, translating its failures.</summary>
    public async Task<T> Guard<T>(string operation, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Nethereum's requests take no token; WaitAsync lets the caller stop waiting all the same.
            return await request().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(operation, e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The ledger exception for a Nethereum or transport failure, or null to let it pass.</summary>
    public LedgerException? Translate(string operation, Exception exception) => exception switch
    {
        LedgerException => null,
        SmartContractRevertException revert => new LedgerRejectedException(operation, revert.RevertMessage),
        SmartContractCustomErrorRevertException custom =>
            new LedgerRejectedException(operation, RevertReason.TryDecode(custom.ExceptionEncodedData, out var reason) ? reason : custom.Message),
        RpcResponseException response when RevertReason.TryFrom(response.RpcError, out var reason) =>
            new LedgerRejectedException(operation, reason),
        RpcResponseException response =>
            new LedgerException($"{operation}: the node at {Url} refused: {response.RpcError.Message} (code {response.RpcError.Code})", response),
        RpcClientTimeoutException timeout =>
            new LedgerUnavailableException($"{operation}: the node at {Url} did not answer in time", timeout),
        RpcClientUnknownException or HttpRequestException or IOException =>
            new LedgerUnavailableException($"{operation}: the node at {Url} cannot be reached: {Innermost(exception).Message}", exception),
        _ => null,
    };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }
}
