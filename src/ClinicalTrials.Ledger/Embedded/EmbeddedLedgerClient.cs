using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>The embedded ledger acting as one account.</summary>
internal sealed class EmbeddedLedgerClient(EmbeddedLedger ledger, string account) : IAnchorLedger
{
    public string Name => ledger.Name;

    public string Account => account;

    public Task<LedgerReceipt> RegisterTrialAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        return ledger.AppendAsync(account, _ => new RegisterTrialOperation(trialId, protocolHash, sapHash), cancellationToken);
    }

    public Task<LedgerReceipt> AmendAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, ContentHash reasonHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        return ledger.AppendAsync(account,
            state => new AmendOperation(trialId, state.NextVersion(trialId), protocolHash, sapHash, reasonHash), cancellationToken);
    }

    public Task<LedgerReceipt> RegisterSiteKeyAsync(string trialId, string siteId, ReadOnlyMemory<byte> publicKey, string anchorAccount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteId);
        ArgumentException.ThrowIfNullOrWhiteSpace(anchorAccount);
        byte[] key = publicKey.ToArray();
        return ledger.AppendAsync(account, _ => new RegisterSiteKeyOperation(trialId, siteId, key, anchorAccount), cancellationToken);
    }

    public Task<LedgerReceipt> RevokeSiteKeyAsync(string trialId, string siteId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteId);
        return ledger.AppendAsync(account, _ => new RevokeSiteKeyOperation(trialId, siteId), cancellationToken);
    }

    public Task<LedgerReceipt> AnchorAsync(string trialId, AnchorKind kind, ContentHash root, long leafCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an anchor kind");
        return ledger.AppendAsync(account, _ => new AnchorOperation(trialId, kind, root, leafCount), cancellationToken);
    }

    public Task<TrialRecord?> GetTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ledger.Read(state => state.GetTrial(trialId)));
    }

    public Task<IReadOnlyList<AnchorRecord>> ListAnchorsAsync(string trialId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ledger.Read(state => state.ListAnchors(trialId)));
    }

    public Task<AnchorRecord?> FindAnchorAsync(string trialId, ContentHash root, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ledger.Read(state => state.FindAnchor(trialId, root)));
    }
}
