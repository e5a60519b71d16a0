using System.Globalization;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Tests.Batching;

/// <summary>
/// In-memory ledger for the batcher's tests: records anchors, counts calls, can be switched down
/// (every call throws <see cref="LedgerUnavailableException"/>) and up, can drop the answer of one
/// anchor after recording it (the crash window), and enforces no access rule.
/// </summary>
public sealed class FakeAnchorLedger : IAnchorLedger
{
    private readonly Lock _gate = new();
    private readonly List<AnchorRecord> _anchors = [];
    private volatile bool _down;
    private volatile bool _loseNextReceipt;
    private int _anchorCalls;
    private int _findCalls;
    private long _block;

    public string Name => "fake";

    public string Account => "0x00000000000000000000000000000000000fa4e";

    /// <summary>While true every call fails as unreachable.</summary>
    public bool Down { get => _down; set => _down = value; }

    /// <summary>The next anchor is recorded, then its answer is "lost" (the call throws LedgerUnavailableException).</summary>
    public bool LoseNextReceipt { get => _loseNextReceipt; set => _loseNextReceipt = value; }

    /// <summary>When set, anchoring for this trial is refused (LedgerRejectedException), as a rule would; off by default.</summary>
    public string? RefuseTrial { get; set; }

    /// <summary>AnchorAsync calls, failed ones included.</summary>
    public int AnchorCalls => Volatile.Read(ref _anchorCalls);

    /// <summary>FindAnchorAsync calls, failed ones included.</summary>
    public int FindCalls => Volatile.Read(ref _findCalls);

    public IReadOnlyList<AnchorRecord> Anchors
    {
        get
        {
            lock (_gate) return [.. _anchors];
        }
    }

    public Task<LedgerReceipt> AnchorAsync(string trialId, AnchorKind kind, ContentHash root, long leafCount, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _anchorCalls);
        ThrowIfDown("anchor");
        if (trialId == RefuseTrial)
            throw new LedgerRejectedException($"anchor({trialId}, {kind})", $"account {Account} is not an active site of trial {trialId}");
        LedgerReceipt receipt;
        lock (_gate)
        {
            receipt = NextReceipt();
            _anchors.Add(new AnchorRecord(trialId, kind, root, leafCount, Account, receipt));
        }
        if (_loseNextReceipt)
        {
            _loseNextReceipt = false;
            throw new LedgerUnavailableException("anchor: connection reset before the receipt arrived");
        }
        return Task.FromResult(receipt);
    }

    public Task<AnchorRecord?> FindAnchorAsync(string trialId, ContentHash root, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _findCalls);
        ThrowIfDown("findAnchor");
        lock (_gate) return Task.FromResult(_anchors.FirstOrDefault(a => a.TrialId == trialId && a.Root == root));
    }

    public Task<IReadOnlyList<AnchorRecord>> ListAnchorsAsync(string trialId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown("listAnchors");
        lock (_gate) return Task.FromResult<IReadOnlyList<AnchorRecord>>([.. _anchors.Where(a => a.TrialId == trialId)]);
    }

    public Task<LedgerReceipt> RegisterTrialAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, CancellationToken cancellationToken = default) => Receipt("registerTrial");

    public Task<LedgerReceipt> AmendAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, ContentHash reasonHash, CancellationToken cancellationToken = default) => Receipt("amend");

    public Task<LedgerReceipt> RegisterSiteKeyAsync(string trialId, string siteId, ReadOnlyMemory<byte> publicKey, string anchorAccount, CancellationToken cancellationToken = default) => Receipt("registerSiteKey");

    public Task<LedgerReceipt> RevokeSiteKeyAsync(string trialId, string siteId, CancellationToken cancellationToken = default) => Receipt("revokeSiteKey");

    public Task<TrialRecord?> GetTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown("getTrial");
        return Task.FromResult<TrialRecord?>(null);
    }

    private Task<LedgerReceipt> Receipt(string operation)
    {
        ThrowIfDown(operation);
        lock (_gate) return Task.FromResult(NextReceipt());
    }

    private LedgerReceipt NextReceipt()
    {
        long block = ++_block;
        return new LedgerReceipt("fake:test", "0x" + block.ToString("x64", CultureInfo.InvariantCulture), block, DateTimeOffset.UnixEpoch.AddSeconds(block));
    }

    private void ThrowIfDown(string operation)
    {
        if (_down) throw new LedgerUnavailableException($"{operation}: fake ledger is down");
    }
}
