namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The most recently used proof trees, so that proofs of many events of one batch rebuild its
/// tree once. Loading runs off the caller's thread; a failed load is forgotten so a later call retries.
/// </summary>
internal sealed class ProofTreeCache(int capacity) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Id, Task<ProofTree> Tree)> _recent = [];
    private bool _disposed;

    public Task<ProofTree> GetAsync(BatchEntry entry, BatchManifest manifest)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Id != entry.Id) continue;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Tree;
            }
            var load = Task.Run(() => ProofTree.Load(entry, manifest));
            _recent.AddFirst((entry.Id, load));
            _ = load.ContinueWith(failed => Forget(entry.Id, failed), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            while (_recent.Count > capacity)
            {
                var evicted = _recent.Last!.Value.Tree;
                _recent.RemoveLast();
                _ = evicted.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
            return load;
        }
    }

    private void Forget(long id, Task<ProofTree> failed)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id && node.Value.Tree == failed)
                {
                    _recent.Remove(node);
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (_, tree) in _recent)
                _ = tree.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            _recent.Clear();
        }
    }
}
