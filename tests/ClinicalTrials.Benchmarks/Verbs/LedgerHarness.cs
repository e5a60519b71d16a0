using ClinicalTrials.Ledger;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// The ledger a <c>ledger</c> benchmark run anchors into, and how to read the gas its anchors
/// cost. <c>memory</c> works now; <c>embedded</c> and <c>anvil</c> need the ledgers being written
/// on other branches and say so until those are merged.
/// </summary>
internal sealed class LedgerHarness : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<LedgerReceipt>, CancellationToken, Task<double?>> _gasPerBatch;
    private readonly Func<ValueTask> _dispose;

    private LedgerHarness(IAnchorLedger ledger, Func<IReadOnlyList<LedgerReceipt>, CancellationToken, Task<double?>> gasPerBatch, Func<ValueTask> dispose)
    {
        Ledger = ledger;
        _gasPerBatch = gasPerBatch;
        _dispose = dispose;
    }

    public IAnchorLedger Ledger { get; }

    /// <exception cref="NotSupportedException">The ledger kind is not available in this build; the message says why.</exception>
    public static Task<LedgerHarness> StartAsync(string kind, CancellationToken cancellationToken) => kind switch
    {
        "memory" => Task.FromResult(new LedgerHarness(new MemoryAnchorLedger(), static (_, _) => Task.FromResult<double?>(null), static () => ValueTask.CompletedTask)),
        "embedded" => throw new NotSupportedException(
            "--ledger embedded needs the embedded ledger (ledger-embedded branch), which is not merged yet; use --ledger memory"),
        "anvil" => StartAnvilAsync(cancellationToken),
        _ => throw new NotSupportedException($"--ledger must be memory, embedded or anvil, got '{kind}'"),
    };

    /// <summary>Mean gas used by the anchoring transactions (null where the ledger has no gas).</summary>
    public Task<double?> GasPerBatchAsync(IReadOnlyList<LedgerReceipt> receipts, CancellationToken cancellationToken) => _gasPerBatch(receipts, cancellationToken);

    public ValueTask DisposeAsync() => _dispose();

    /// <summary>
    /// After the ledger-evm branch is merged this becomes, with nothing else in the benchmark changing:
    /// start infra/node_modules/.bin/anvil (through infra/scripts/start-anvil.sh, as that branch's
    /// AnvilFixture does) on a free 127.0.0.1 port; <c>EvmAnchorLedger.DeployAsync</c> the
    /// TrialRegistry as anvil's first account; <c>EvmAnchorLedger.ConnectAsync</c> to it; gas per
    /// batch = mean <c>gasUsed</c> of <c>eth_getTransactionReceipt</c> for the anchor receipts'
    /// transaction ids; dispose stops anvil. Until then it says so instead of measuring.
    /// </summary>
    private static Task<LedgerHarness> StartAnvilAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "--ledger anvil needs EvmAnchorLedger, the TrialRegistry contract and the anvil fixture (ledger-evm branch), which are not merged yet; use --ledger memory");
}
