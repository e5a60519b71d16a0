using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// Turns any number of events into few ledger transactions: events of one (trial, anchor kind)
/// go into the open batch of that pair, whose nonce-committed leaves (<see cref="EventCommitment"/>)
/// build one RFC 6962 tree; a batch is sealed when it reaches <see cref="AnchorBatcherOptions.MaxEvents"/>
/// or <see cref="AnchorBatcherOptions.MaxAge"/>, and its ONE root is anchored through the
/// <see cref="IAnchorLedger"/>. Producers never wait for the ledger: <see cref="Add(string, AnchorKind, ReadOnlySpan{byte})"/>
/// hashes on the caller's thread and returns the event's ticket at once.
/// </summary>
/// <remarks>
/// <para>Durability. Each batch is a directory holding its leaf hashes, per event its nonce and event
/// hash, and a manifest (open → sealed → anchored, replaced atomically). Producers stage events in
/// chunks; one writer thread folds them into the batch's tree and appends them to its files in large
/// buffered writes. Sealing flushes the data files to the disk before the sealed manifest is
/// written. A crash can therefore lose the newest events of open batches (their tickets then fail
/// with a clear message); <see cref="SealAllAsync"/> makes everything added so far durable. A write
/// failure seals the batch with the events that reached the disk and reports it from the sealing.</para>
/// <para>Restart. <see cref="OpenAsync"/> re-opens the directory and re-seals every batch left open
/// (it never continues one): the events whose data reached the disk are kept, a torn tail is cut.
/// Waiting sealed batches are anchored in id order. Before each anchoring the ledger is asked for the root
/// (<see cref="IAnchorLedger.FindAnchorAsync"/>), so a batch anchored by an attempt whose receipt was
/// lost (crash or dropped answer) is adopted, not anchored again.</para>
/// <para>Ledger down. Sealed batches wait in the directory and are retried with exponential backoff
/// between <see cref="AnchorBatcherOptions.RetryMinDelay"/> and <see cref="AnchorBatcherOptions.RetryMaxDelay"/>
/// while events keep being accepted.</para>
/// <para>One batcher per directory (a lock file enforces it). All members are thread-safe.</para>
/// </remarks>
public sealed class AnchorBatcher : IAsyncDisposable
{
    /// <summary>Staged events waiting for the writer before producers block: 128 Ki events, 12 MiB.</summary>
    private const int MaxQueuedChunks = 32;

    private readonly AnchorBatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly BatchStore _store;
    private readonly AnchorQueue _anchors;
    private readonly ProofTreeCache _proofTrees;
    private readonly BatchWriter _writer;
    private readonly ThreadLocal<INonceSource> _nonces;
    private readonly ConcurrentDictionary<(string TrialId, AnchorKind Kind), BatchStream> _streams = new();
    private readonly ConcurrentDictionary<long, BatchEntry> _batches = new();
    private readonly ConcurrentDictionary<long, Task> _sealing = new();
    private long _lastBatchId;
    private volatile bool _closed;

    private AnchorBatcher(IAnchorLedger ledger, AnchorBatcherOptions options, TimeProvider time, BatchStore store, List<BatchEntry> recovered)
    {
        _options = options;
        _time = time;
        _store = store;
        _nonces = new ThreadLocal<INonceSource>(options.NonceSources);
        _proofTrees = new ProofTreeCache(options.ProofTreeCacheSize);
        _writer = new BatchWriter(MaxQueuedChunks);
        _anchors = new AnchorQueue(ledger, store, time, options.RetryMinDelay, options.RetryMaxDelay);
        foreach (var entry in recovered)
        {
            _batches[entry.Id] = entry;
            _lastBatchId = Math.Max(_lastBatchId, entry.Id);
            if (entry.Manifest is { State: BatchState.Anchored, Receipt: { } receipt }) entry.Anchored.TrySetResult(receipt);
            else _anchors.Enqueue(entry);
        }
        _anchors.Start();
    }

    /// <summary>The store's directory (full path).</summary>
    public string Directory => _store.Directory;

    /// <summary>Every batch's current manifest, in id order.</summary>
    public IReadOnlyList<BatchManifest> Batches =>
        [.. _batches.Values.Select(entry => entry.Manifest).OrderBy(manifest => manifest.BatchId)];

    /// <summary>
    /// Opens (or creates) the store in <see cref="AnchorBatcherOptions.Directory"/>, re-seals the
    /// batches a previous run left open, and starts anchoring every sealed batch.
    /// </summary>
    /// <param name="ledger">Where roots are anchored, as the account allowed to anchor the batches' kinds.</param>
    /// <param name="options">Store, batch limits, retry delays, nonce sources.</param>
    /// <param name="timeProvider">Clock and timers for batch age and retry backoff; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the recovery scan.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="BatchingException">The directory is in use by another batcher or holds an unreadable manifest.</exception>
    public static async Task<AnchorBatcher> OpenAsync(IAnchorLedger ledger, AnchorBatcherOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Validate(options);
        var time = timeProvider ?? TimeProvider.System;
        var store = BatchStore.Open(options.Directory);
        try
        {
            var recovered = await Task.Run(() => store.Recover(time), cancellationToken);
            return new AnchorBatcher(ledger, options, time, store, recovered);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds one event (its canonical bytes, e.g. RFC 8785 JSON) to the open batch of
    /// (<paramref name="trialId"/>, <paramref name="kind"/>), committed with a fresh nonce. Returns
    /// without waiting for the disk or the ledger, and allocates nothing per event.
    /// </summary>
    /// <returns>The event's batch and leaf index, for <see cref="GetProofAsync"/>.</returns>
    /// <exception cref="ArgumentException">The trial id is empty or the kind unknown.</exception>
    /// <exception cref="BatchingException">A new batch could not be started in the directory; the event was not added.</exception>
    /// <exception cref="ObjectDisposedException">The batcher was disposed.</exception>
    public EventTicket Add(string trialId, AnchorKind kind, ReadOnlySpan<byte> canonicalEvent)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!_streams.TryGetValue((trialId, kind), out var stream)) stream = AddStream(trialId, kind);

        // Hashing happens before the lock, so producers of one stream hash in parallel; under it
        // only the leaf index is taken and 96 bytes are staged. The writer thread folds and writes.
        Span<byte> commitment = stackalloc byte[BatchFiles.CommitmentSize];
        Span<byte> leafHash = stackalloc byte[NodeHash.Size];
        var nonce = commitment[..EventCommitment.NonceSize];
        var eventHash = commitment[EventCommitment.NonceSize..];
        _nonces.Value!.Fill(nonce);
        ContentHash.OfBytes(canonicalEvent).CopyTo(eventHash);
        EventCommitment.ComputeLeafHashFromEventHash(nonce, eventHash, leafHash);

        OpenBatch? retired = null;
        Task? retiredDrained = null;
        long batchId, leafIndex;
        lock (stream.Gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var batch = stream.Current;
            if (batch?.Fault is not null)
            {
                // The writer could not write this batch: seal what reached the disk, go on in a new one.
                retired = batch;
                retiredDrained = Close(stream);
                batch = null;
            }
            batch ??= stream.Current = OpenBatch(stream);
            var chunk = batch.Chunk ??= _writer.Rent();
            chunk.Add(leafHash, commitment);
            leafIndex = batch.Accepted++;
            batchId = batch.Entry.Id;
            if (chunk.IsFull)
            {
                _writer.Write(batch, chunk);
                batch.Chunk = null;
            }
            if (batch.Accepted >= _options.MaxEvents)
            {
                var drained = Close(stream);
                StartSeal(batch, drained);
            }
        }
        if (retired is not null) StartSeal(retired, retiredDrained!);
        return new EventTicket(batchId, leafIndex);
    }

    /// <summary>Adds a JSON event, canonicalized (RFC 8785) first. See <see cref="Add(string, AnchorKind, ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="CanonicalJsonException">The event has no canonical form.</exception>
    public EventTicket Add(string trialId, AnchorKind kind, JsonNode? @event) => Add(trialId, kind, CanonicalJson.Canonicalize(@event));

    /// <summary>Seals every open batch now (whatever its size and age) and waits until all sealing has finished.</summary>
    /// <exception cref="BatchingException">A batch could not be sealed (it stays open on disk and is sealed on the next start).</exception>
    public async Task SealAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var stream in _streams.Values)
        {
            lock (stream.Gate)
            {
                var batch = stream.Current;
                if (batch is not null) StartSeal(batch, Close(stream));
            }
        }
        await Task.WhenAll(_sealing.Values).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Seals every open batch and waits until every sealed batch is anchored. While the ledger is
    /// down, or refuses a batch, this waits; cancel to stop waiting (the batches stay queued).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await SealAllAsync(cancellationToken);
        var waiting = _batches.Values.Where(entry => entry.Manifest.State == BatchState.Sealed).Select(entry => entry.Anchored.Task);
        await Task.WhenAll(waiting).WaitAsync(cancellationToken);
    }

    /// <summary>The ledger's receipt for the batch's root, once anchored.</summary>
    /// <exception cref="BatchingException">No such batch.</exception>
    public Task<LedgerReceipt> WhenAnchoredAsync(long batchId, CancellationToken cancellationToken = default) =>
        Entry(batchId).Anchored.Task.WaitAsync(cancellationToken);

    /// <summary>Ends the current retry wait and tries the queued batches now (e.g. when the ledger is known to be back).</summary>
    public void RetryNow() => _anchors.RetryNow();

    /// <summary>
    /// The proof that the ticket's event is in its batch's root, computed from the stored leaf hashes
    /// (the first proof of a batch rebuilds its tree from the leaf file and checks it against the
    /// sealed root). The receipt is null while the batch waits for the ledger; await
    /// <see cref="WhenAnchoredAsync"/> first to get a proof with its receipt.
    /// </summary>
    /// <exception cref="BatchingException">
    /// The batch is unknown or still open, the event was lost before it reached the disk, or the batch's files are damaged.
    /// </exception>
    public async Task<EventProof> GetProofAsync(EventTicket ticket, CancellationToken cancellationToken = default)
    {
        var entry = Entry(ticket.BatchId);
        var manifest = entry.Manifest;
        if (manifest.State == BatchState.Open)
            throw new BatchingException($"batch {ticket.BatchId} ({manifest.TrialId}, {manifest.Kind}) is still open: its root is fixed when it is sealed (by size, by age, by SealAllAsync or on restart)");
        if (ticket.LeafIndex < 0 || ticket.LeafIndex >= manifest.LeafCount)
            throw new BatchingException($"batch {ticket.BatchId} holds {manifest.LeafCount} events, so leaf {ticket.LeafIndex} is not in it: an event added but not yet on disk when the process stopped is lost");

        var commitment = new byte[BatchFiles.CommitmentSize];
        InclusionProof? proof;
        while (true)
        {
            var tree = await _proofTrees.GetAsync(entry, manifest).WaitAsync(cancellationToken);
            if (tree.TryProve(ticket.LeafIndex, commitment, out proof)) break; // else evicted meanwhile: load again
        }
        var receipt = entry.Manifest.Receipt; // re-read: it may have been anchored since
        return new EventProof(
            manifest.TrialId, manifest.Kind, ticket.BatchId, ticket.LeafIndex, manifest.LeafCount,
            Convert.ToHexStringLower(commitment.AsSpan(0, EventCommitment.NonceSize)),
            new ContentHash(commitment.AsSpan(EventCommitment.NonceSize)),
            proof!.LeafHash, proof.ToJson(), RootHash.ToNodeHash(manifest.Root!.Value), receipt);
    }

    /// <summary>
    /// True when <paramref name="canonicalEvent"/> is the event the proof commits to (its hash, and
    /// with the nonce the leaf) and the inclusion proof leads from that leaf to the proof's root for
    /// the proof's leaf index and batch size. Whether that root is on the ledger is the caller's
    /// check (<see cref="IAnchorLedger.FindAnchorAsync"/>).
    /// </summary>
    public static bool VerifyEventProof(ReadOnlySpan<byte> canonicalEvent, EventProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (ContentHash.OfBytes(canonicalEvent) != proof.EventHash) return false;
        Span<byte> nonce = stackalloc byte[EventCommitment.NonceSize];
        if (proof.Nonce.Length != 2 * EventCommitment.NonceSize
            || Convert.FromHexString(proof.Nonce, nonce, out _, out int written) != System.Buffers.OperationStatus.Done
            || written != EventCommitment.NonceSize)
            return false;
        InclusionProof inclusion;
        try
        {
            inclusion = InclusionProof.FromJson(proof.InclusionProof);
        }
        catch (FormatException)
        {
            return false;
        }
        return inclusion.LeafIndex == proof.LeafIndex
            && inclusion.TreeSize == proof.LeafCount
            && inclusion.LeafHash == proof.LeafHash
            && MerkleVerifier.VerifyEventInclusion(inclusion, proof.Root, canonicalEvent, nonce);
    }

    /// <summary>
    /// Stops: open batches' buffered events are flushed to the disk and the batches stay open (the
    /// next <see cref="OpenAsync"/> seals them); sealing in progress finishes; anchoring stops (the
    /// queued batches stay sealed on disk and are anchored by the next run; waits for their
    /// anchors end as cancelled).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed) return;
        _closed = true;
        var closing = new List<(OpenBatch Batch, Task Drained)>();
        foreach (var stream in _streams.Values)
        {
            lock (stream.Gate)
            {
                var batch = stream.Current;
                if (batch is not null) closing.Add((batch, Close(stream)));
            }
        }
        foreach (var (batch, drained) in closing)
        {
            await drained;
            try
            {
                batch.FlushToDisk();
            }
            catch (IOException)
            {
                // The next start keeps whatever complete events reached the disk.
            }
            finally
            {
                batch.Dispose();
            }
        }
        try
        {
            await Task.WhenAll(_sealing.Values);
        }
        catch (BatchingException)
        {
            // A batch that failed to seal stays open on disk; the next start seals it.
        }
        _writer.Dispose();
        await _anchors.DisposeAsync();
        // Whoever still waits for an anchor of this run stops waiting; the next run anchors the batch.
        foreach (var entry in _batches.Values) entry.Anchored.TrySetCanceled();
        _proofTrees.Dispose();
        _nonces.Dispose();
        _store.Dispose();
    }

    private BatchEntry Entry(long batchId) => _batches.TryGetValue(batchId, out var entry)
        ? entry
        : throw new BatchingException($"no batch {batchId} in {_store.Directory}");

    private BatchStream AddStream(string trialId, AnchorKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"unknown anchor kind {(int)kind}", nameof(kind));
        return _streams.GetOrAdd((trialId, kind), static key => new BatchStream(key.TrialId, key.Kind));
    }

    /// <summary>Starts the stream's next batch; called under the stream's lock.</summary>
    private OpenBatch OpenBatch(BatchStream stream)
    {
        long id = Interlocked.Increment(ref _lastBatchId);
        var entry = new BatchEntry(_store.BatchDirectory(id), new BatchManifest(id, stream.TrialId, stream.Kind, BatchState.Open, 0, null, _time.GetUtcNow(), null, null, null));
        OpenBatch batch;
        try
        {
            // Manifest before data: a directory whose data has no manifest can never exist.
            System.IO.Directory.CreateDirectory(entry.Directory);
            _store.WriteManifest(entry.Manifest);
            batch = Batching.OpenBatch.Create(entry, _options.WriteBufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchingException($"cannot start batch {id} ({stream.TrialId}, {stream.Kind}) in {entry.Directory}: {e.Message}", e);
        }
        _batches[id] = entry;
        batch.AgeTimer = _time.CreateTimer(
            static state =>
            {
                var (batcher, stream, batch) = ((AnchorBatcher, BatchStream, OpenBatch))state!;
                batcher.OnMaxAge(stream, batch);
            },
            (this, stream, batch), _options.MaxAge, Timeout.InfiniteTimeSpan);
        return batch;
    }

    private void OnMaxAge(BatchStream stream, OpenBatch batch)
    {
        lock (stream.Gate)
        {
            if (!ReferenceEquals(stream.Current, batch)) return; // already sealed by size, or stopping
            StartSeal(batch, Close(stream));
        }
    }

    /// <summary>
    /// Takes the stream's batch out of service: hands its partly filled chunk to the writer and
    /// returns when the writer has written everything of it. Called under the stream's lock, which
    /// keeps the batch's chunks and this drain mark in order.
    /// </summary>
    private Task Close(BatchStream stream)
    {
        var batch = stream.Current!;
        stream.Current = null;
        batch.AgeTimer?.Dispose();
        if (batch.Chunk is { } chunk)
        {
            if (chunk.Count > 0) _writer.Write(batch, chunk);
            else _writer.Return(chunk);
            batch.Chunk = null;
        }
        return _writer.Drain(batch);
    }

    private void StartSeal(OpenBatch batch, Task drained)
    {
        long id = batch.Entry.Id;
        var task = SealAsync(batch, drained);
        _sealing[id] = task;
        _ = task.ContinueWith((_, state) => _sealing.TryRemove((long)state!, out Task? _), id, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task SealAsync(OpenBatch batch, Task drained)
    {
        // Never on the caller's thread: that is a producer inside its stream's lock.
        await drained.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var entry = batch.Entry;
        try
        {
            long count;
            NodeHash root;
            if (batch.Fault is null && batch.Written == batch.Accepted)
            {
                batch.FlushToDisk();
                count = batch.Written;
                root = batch.Root;
                batch.Dispose();
            }
            else
            {
                try
                {
                    batch.Dispose();
                }
                catch (IOException)
                {
                    // Recovery below keeps what reached the disk.
                }
                (count, root) = BatchFiles.Recover(entry.Directory);
            }
            if (count == 0)
            {
                _batches.TryRemove(entry.Id, out _);
                System.IO.Directory.Delete(entry.Directory, recursive: true);
                entry.Anchored.TrySetException(new BatchingException($"batch {entry.Id} kept no event and was removed"));
                return;
            }
            var manifest = entry.Manifest with { State = BatchState.Sealed, LeafCount = count, Root = RootHash.ToContentHash(root), SealedAt = _time.GetUtcNow() };
            _store.WriteManifest(manifest);
            entry.Manifest = manifest;
            _anchors.Enqueue(entry);
            if (batch.Fault is { } fault)
                throw new BatchingException($"batch {entry.Id} in {entry.Directory}: writing failed ({fault.Message}); sealed with the {count} of {batch.Accepted} events that reached the disk", fault);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchingException($"sealing batch {entry.Id} in {entry.Directory} failed: {e.Message}; it stays open on disk and is sealed when the batcher is next opened", e);
        }
    }

    private static void Validate(AnchorBatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory, nameof(options.Directory));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEvents, 1, nameof(options.MaxEvents));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxAge, TimeSpan.Zero, nameof(options.MaxAge));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryMinDelay, TimeSpan.Zero, nameof(options.RetryMinDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryMaxDelay, options.RetryMinDelay, nameof(options.RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProofTreeCacheSize, 1, nameof(options.ProofTreeCacheSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriteBufferSize, 4096, nameof(options.WriteBufferSize));
        ArgumentNullException.ThrowIfNull(options.NonceSources, nameof(options.NonceSources));
    }
}
