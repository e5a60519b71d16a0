using System.Collections.Concurrent;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// Two threads that take staged chunks off the producers' path: one folds the leaves into their
/// batch's tree and appends them to the leaf file, the other appends the commitments to the
/// commitment file. Each file is written by one thread, in the order the chunks were handed over
/// (always under the stream's lock, so per batch that is leaf order), in large sequential
/// appends. Two because copying the data into the page cache costs as much as folding it. At
/// most <c>maxQueued</c> chunks wait; beyond that handing over blocks, which is the producers'
/// backpressure when the disk cannot keep up.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    public const int ChunkEvents = 4096;

    private readonly ConcurrentQueue<StagingChunk> _free = new();
    private readonly SemaphoreSlim _queuedSlots;
    private readonly Lane _leaves;
    private readonly Lane _commitments;

    public BatchWriter(int maxQueued)
    {
        _queuedSlots = new SemaphoreSlim(maxQueued, maxQueued);
        _leaves = new Lane("anchor batcher leaves", static (batch, chunk) => batch.WriteLeaves(chunk), Done);
        _commitments = new Lane("anchor batcher commitments", static (batch, chunk) => batch.WriteCommitments(chunk), Done);
    }

    public StagingChunk Rent() => _free.TryDequeue(out var chunk) ? chunk : new StagingChunk(ChunkEvents);

    public void Return(StagingChunk chunk)
    {
        chunk.Count = 0;
        _free.Enqueue(chunk);
    }

    /// <summary>Queues a chunk of the batch; call under the batch's stream lock.</summary>
    public void Write(OpenBatch batch, StagingChunk chunk)
    {
        _queuedSlots.Wait();
        chunk.Pending = 2;
        _leaves.Add(batch, chunk);
        _commitments.Add(batch, chunk);
    }

    /// <summary>Completes once every chunk queued for the batch before this call is written; call under the stream lock.</summary>
    public Task Drain(OpenBatch batch) => Task.WhenAll(_leaves.Mark(batch), _commitments.Mark(batch));

    private void Done(StagingChunk chunk)
    {
        if (Interlocked.Decrement(ref chunk.Pending) != 0) return;
        Return(chunk);
        _queuedSlots.Release();
    }

    /// <summary>Writes what is queued, then stops the threads.</summary>
    public void Dispose()
    {
        _leaves.Dispose();
        _commitments.Dispose();
        _queuedSlots.Dispose();
    }

    private sealed class Lane : IDisposable
    {
        private readonly BlockingCollection<Item> _queue = new(new ConcurrentQueue<Item>());
        private readonly Action<OpenBatch, StagingChunk> _write;
        private readonly Action<StagingChunk> _done;
        private readonly Thread _thread;

        public Lane(string name, Action<OpenBatch, StagingChunk> write, Action<StagingChunk> done)
        {
            _write = write;
            _done = done;
            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public void Add(OpenBatch batch, StagingChunk chunk) => _queue.Add(new Item(batch, chunk, null));

        public Task Mark(OpenBatch batch)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add(new Item(batch, null, reached));
            return reached.Task;
        }

        private void Run()
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                if (item.Reached is not null)
                {
                    item.Reached.TrySetResult();
                    continue;
                }
                try
                {
                    _write(item.Batch, item.Chunk!);
                }
                catch (Exception e)
                {
                    // The batch is sealed from what reached its files; the error is reported when it seals.
                    item.Batch.SetFault(e);
                }
                finally
                {
                    _done(item.Chunk!);
                }
            }
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }

        private readonly record struct Item(OpenBatch Batch, StagingChunk? Chunk, TaskCompletionSource? Reached);
    }
}
