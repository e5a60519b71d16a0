using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Embedded;
using ClinicalTrials.Ledger.Evm;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// The ledger a <c>ledger</c> benchmark run anchors into, and how to read the gas its anchors
/// cost: <c>memory</c> (in process, no gas), <c>embedded</c> (the signed ledger file) or
/// <c>anvil</c> (the TrialRegistry contract on a local anvil).
/// </summary>
internal sealed class LedgerHarness : IAsyncDisposable
{
    /// <summary>Account 0 of anvil's published "test … junk" development mnemonic (a public, well-known key).</summary>
    private const string DevelopmentKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly Func<IReadOnlyList<LedgerReceipt>, CancellationToken, Task<double?>> _gasPerBatch;
    private readonly Func<ValueTask> _dispose;

    private LedgerHarness(IAnchorLedger ledger, Func<IReadOnlyList<LedgerReceipt>, CancellationToken, Task<double?>> gasPerBatch, Func<ValueTask> dispose)
    {
        Ledger = ledger;
        _gasPerBatch = gasPerBatch;
        _dispose = dispose;
    }

    public IAnchorLedger Ledger { get; }

    /// <exception cref="NotSupportedException">The ledger kind is not known; the message says which are.</exception>
    public static Task<LedgerHarness> StartAsync(string kind, CancellationToken cancellationToken) => kind switch
    {
        "memory" => Task.FromResult(new LedgerHarness(new MemoryAnchorLedger(), static (_, _) => Task.FromResult<double?>(null), static () => ValueTask.CompletedTask)),
        "embedded" => Task.FromResult(StartEmbedded()),
        "anvil" => StartAnvilAsync(cancellationToken),
        _ => throw new NotSupportedException($"--ledger must be memory, embedded or anvil, got '{kind}'"),
    };

    /// <summary>Mean gas used by the anchoring transactions (null where the ledger has no gas).</summary>
    public Task<double?> GasPerBatchAsync(IReadOnlyList<LedgerReceipt> receipts, CancellationToken cancellationToken) => _gasPerBatch(receipts, cancellationToken);

    public ValueTask DisposeAsync() => _dispose();

    /// <summary>The embedded ledger in a temporary folder (removed afterwards); it has no gas.</summary>
    private static LedgerHarness StartEmbedded()
    {
        var dir = Directory.CreateTempSubdirectory("ct-bench-ledger-").FullName;
        var ledger = EmbeddedLedger.Open(Path.Combine(dir, "ledger.jsonl"), TimeProvider.System);
        return new LedgerHarness(ledger.ForAccount("sponsor:bench"), static (_, _) => Task.FromResult<double?>(null), () =>
        {
            ledger.Dispose();
            Directory.Delete(dir, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// A real anvil (infra/node_modules/.bin/anvil through infra/scripts/start-anvil.sh, as the
    /// ledger tests' fixture) on a free 127.0.0.1 port, the TrialRegistry deployed from the
    /// embedded bytecode by anvil's first well-known development account; gas per batch is the
    /// mean <c>gasUsed</c> of the anchor transactions' receipts. Disposing stops anvil.
    /// </summary>
    private static async Task<LedgerHarness> StartAnvilAsync(CancellationToken cancellationToken)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "ClinicalTrials.sln"))) root = Path.GetDirectoryName(root);
        if (root is null) throw new NotSupportedException("--ledger anvil: cannot find the repository (ClinicalTrials.sln) above " + AppContext.BaseDirectory);
        LocalAnvil anvil;
        try
        {
            anvil = await LocalAnvil.StartAsync(Path.Combine(root, "infra"), TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException("--ledger anvil: " + e.Message, e);
        }
        try
        {
            var options = new EvmLedgerOptions { RpcUrl = anvil.RpcUrl, PrivateKey = DevelopmentKey };
            var address = await EvmAnchorLedger.DeployAsync(options, cancellationToken: cancellationToken);
            var ledger = await EvmAnchorLedger.ConnectAsync(options with { ContractAddress = address }, cancellationToken: cancellationToken);
            var web3 = new Nethereum.Web3.Web3(anvil.RpcUrl.ToString());
            return new LedgerHarness(ledger, async (receipts, ct) =>
            {
                if (receipts.Count == 0) return null;
                var gas = 0.0;
                foreach (var r in receipts)
                    gas += (double)(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(r.TransactionId)).GasUsed.Value;
                return gas / receipts.Count;
            }, () =>
            {
                anvil.Dispose();
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            anvil.Dispose();
            throw;
        }
    }
}
