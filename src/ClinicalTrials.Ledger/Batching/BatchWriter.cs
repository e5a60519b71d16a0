using System.Collections.Concurrent;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The one thread that folds staged events into their batch's tree and appends them to the
/// batch's files, in the order the chunks were handed over (always under the stream's lock, so
/// per batch that is leaf order). Taking the fold and the disk off the producers' path lets them
/// hash in parallel with it. At most <c>maxQueued</c> chunks wait; beyond that handing over blocks,
/// which is the producers' backpressure when the disk cannot keep up.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    public const int ChunkEvents = 4096;

    private readonly BlockingCollection<Item> _queue = new(new ConcurrentQueue<Item>());
    private readonly ConcurrentQueue<StagingChunk> _free = new();
    private readonly SemaphoreSlim _queuedSlots;
    private readonly Thread _thread;

    public BatchWriter(int maxQueued)
    {
        _queuedSlots = new SemaphoreSlim(maxQueued, maxQueued);
        _thread = new Thread(Run) { IsBackground = true, Name = "anchor batcher writer" };
        _thread.Start();
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
        _queue.Add(new Item(batch, chunk, null));
    }

    /// <summary>Completes once every chunk queued for the batch before this call is written; call under the stream lock.</summary>
    public Task Drain(OpenBatch batch)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(new Item(batch, null, drained));
        return drained.Task;
    }

    private void Run()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            if (item.Drained is not null)
            {
                item.Drained.TrySetResult();
                continue;
            }
            try
            {
                item.Batch.Write(item.Chunk!);
            }
            catch (Exception e)
            {
                // The batch is sealed from what reached its files; the error is reported when it seals.
                item.Batch.SetFault(e);
            }
            finally
            {
                Return(item.Chunk!);
                _queuedSlots.Release();
            }
        }
    }

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _queuedSlots.Dispose();
    }

    private readonly record struct Item(OpenBatch Batch, StagingChunk? Chunk, TaskCompletionSource? Drained);
}
