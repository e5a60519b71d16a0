namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The durable queue's worker: anchors sealed batches one at a time, in batch order. While the
/// ledger is unavailable every batch waits (exponential backoff from the minimum to the maximum
/// delay); a batch the ledger refuses waits the maximum delay and the others go on. Before every
/// anchoring it asks the ledger whether the root is already there, so a batch whose earlier
/// attempt reached the ledger but whose receipt was never saved (crash, lost answer) is adopted,
/// never anchored twice.
/// </summary>
internal sealed class AnchorQueue(IAnchorLedger ledger, BatchStore store, TimeProvider time, TimeSpan minDelay, TimeSpan maxDelay) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, BatchEntry> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _ledgerNotBefore = DateTimeOffset.MinValue;
    private readonly TimeSpan _minDelay = minDelay;
    private TimeSpan _backoff = minDelay;
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public void Enqueue(BatchEntry entry)
    {
        lock (_gate)
        {
            _pending[entry.Id] = entry;
            _wake.TrySetResult();
        }
    }

    /// <summary>Forgets every backoff and tries the waiting batches now.</summary>
    public void RetryNow()
    {
        lock (_gate)
        {
            _ledgerNotBefore = DateTimeOffset.MinValue;
            _backoff = _minDelay;
            foreach (var entry in _pending.Values) entry.NotBefore = DateTimeOffset.MinValue;
            _wake.TrySetResult();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            BatchEntry? next = null;
            Task wake;
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            var now = time.GetUtcNow();
            lock (_gate)
            {
                if (_wake.Task.IsCompleted) _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
                wake = _wake.Task;
                if (_pending.Count > 0 && now < _ledgerNotBefore)
                {
                    wait = _ledgerNotBefore - now;
                }
                else
                {
                    var earliest = DateTimeOffset.MaxValue;
                    foreach (var entry in _pending.Values)
                    {
                        if (entry.NotBefore <= now)
                        {
                            next = entry;
                            break;
                        }
                        if (entry.NotBefore < earliest) earliest = entry.NotBefore;
                    }
                    if (next is null && earliest != DateTimeOffset.MaxValue) wait = earliest - now;
                }
            }

            try
            {
                if (next is null)
                {
                    await WaitAsync(wake, wait, stop);
                    continue;
                }
                await AnchorAsync(next, stop);
                lock (_gate)
                {
                    _pending.Remove(next.Id);
                    _backoff = _minDelay;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is LedgerRejectedException or BatchingException)
            {
                // A rule refused this batch (e.g. the site's key is not registered yet): retrying soon
                // cannot help, and the batches behind it need not wait for it.
                lock (_gate) next!.NotBefore = time.GetUtcNow() + maxDelay;
                RecordError(next, e.Message);
            }
            catch (Exception e)
            {
                // Unavailable ledger, a failed receipt write, anything else: all batches wait alike.
                lock (_gate)
                {
                    _ledgerNotBefore = time.GetUtcNow() + _backoff;
                    _backoff = _backoff * 2 < maxDelay ? _backoff * 2 : maxDelay;
                }
                RecordError(next!, e.Message);
            }
        }
    }

    private async Task AnchorAsync(BatchEntry entry, CancellationToken stop)
    {
        var manifest = entry.Manifest;
        var root = manifest.Root ?? throw new InvalidOperationException($"batch {entry.Id} is queued for anchoring without a root");
        var existing = await ledger.FindAnchorAsync(manifest.TrialId, root, stop);
        LedgerReceipt receipt;
        if (existing is not null)
        {
            if (existing.Kind != manifest.Kind || existing.LeafCount != manifest.LeafCount)
                throw new BatchingException($"batch {entry.Id}: its root {root} is already anchored for trial {manifest.TrialId} as {existing.Kind} of {existing.LeafCount} events, not as {manifest.Kind} of {manifest.LeafCount}");
            receipt = existing.Receipt;
        }
        else
        {
            receipt = await ledger.AnchorAsync(manifest.TrialId, manifest.Kind, root, manifest.LeafCount, stop);
        }
        var anchored = manifest with { State = BatchState.Anchored, Receipt = receipt, LastError = null };
        store.WriteManifest(anchored);
        entry.Manifest = anchored;
        entry.Anchored.TrySetResult(receipt);
    }

    private void RecordError(BatchEntry entry, string message)
    {
        var manifest = entry.Manifest with { LastError = message };
        entry.Manifest = manifest;
        try
        {
            store.WriteManifest(manifest);
        }
        catch (IOException)
        {
            // Best effort: the error is informational and the in-memory manifest has it.
        }
    }

    private async Task WaitAsync(Task wake, TimeSpan wait, CancellationToken stop)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            await wake.WaitAsync(stop);
            return;
        }
        using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var delay = Task.Delay(wait, time, cancelDelay.Token);
        await Task.WhenAny(wake, delay);
        await cancelDelay.CancelAsync();
        stop.ThrowIfCancellationRequested();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out.
        }
        _stop.Dispose();
    }
}
