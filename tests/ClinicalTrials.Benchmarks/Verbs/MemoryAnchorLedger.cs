using System.Globalization;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// In-process ledger for the <c>ledger</c> benchmark's <c>--ledger memory</c>: records anchors and
/// answers lookups, enforces no rule and costs nothing, so the run measures the batcher alone.
/// </summary>
internal sealed class MemoryAnchorLedger : IAnchorLedger
{
    private readonly Lock _gate = new();
    private readonly List<AnchorRecord> _anchors = [];
    private long _block;

    public string Name => "memory";

    public string Account => "0x000000000000000000000000000000000000bea7";

    public int Transactions
    {
        get
        {
            lock (_gate) return (int)_block;
        }
    }

    public Task<LedgerReceipt> AnchorAsync(string trialId, AnchorKind kind, ContentHash root, long leafCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var receipt = NextReceipt();
            _anchors.Add(new AnchorRecord(trialId, kind, root, leafCount, Account, receipt));
            return Task.FromResult(receipt);
        }
    }

    public Task<AnchorRecord?> FindAnchorAsync(string trialId, ContentHash root, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_anchors.Find(a => a.TrialId == trialId && a.Root == root));
    }

    public Task<IReadOnlyList<AnchorRecord>> ListAnchorsAsync(string trialId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<AnchorRecord>>(_anchors.FindAll(a => a.TrialId == trialId));
    }

    public Task<LedgerReceipt> RegisterTrialAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, CancellationToken cancellationToken = default) => Receipt();

    public Task<LedgerReceipt> AmendAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, ContentHash reasonHash, CancellationToken cancellationToken = default) => Receipt();

    public Task<LedgerReceipt> RegisterSiteKeyAsync(string trialId, string siteId, ReadOnlyMemory<byte> publicKey, string anchorAccount, CancellationToken cancellationToken = default) => Receipt();

    public Task<LedgerReceipt> RevokeSiteKeyAsync(string trialId, string siteId, CancellationToken cancellationToken = default) => Receipt();

    public Task<TrialRecord?> GetTrialAsync(string trialId, CancellationToken cancellationToken = default) => Task.FromResult<TrialRecord?>(null);

    private Task<LedgerReceipt> Receipt()
    {
        lock (_gate) return Task.FromResult(NextReceipt());
    }

    private LedgerReceipt NextReceipt()
    {
        long block = ++_block;
        return new LedgerReceipt("memory:benchmark", "0x" + block.ToString("x64", CultureInfo.InvariantCulture), block, TimeProvider.System.GetUtcNow());
    }
}
