using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// A batch taking events. Producer side (under the stream's lock): the count of accepted events
/// and the chunk being filled. Writer side (the <see cref="BatchWriter"/> threads: one owns the tree
/// and the leaf file, the other the commitment file; then the sealer alone): the tree (frontier
/// plus the builder's small subtree cache) and the two files, written through large buffers so
/// the disk sees big sequential appends.
/// </summary>
internal sealed class OpenBatch : IDisposable
{
    private readonly FileStream _leafFile;
    private readonly FileStream _commitmentFile;
    private readonly StreamLeafHashStore _leaves;
    private readonly MerkleTreeBuilder _tree;
    private volatile Exception? _fault;

    private OpenBatch(BatchEntry entry, FileStream leafFile, FileStream commitmentFile)
    {
        Entry = entry;
        _leafFile = leafFile;
        _commitmentFile = commitmentFile;
        _leaves = new StreamLeafHashStore(leafFile, leaveOpen: true);
        _tree = new MerkleTreeBuilder(_leaves);
    }

    public BatchEntry Entry { get; }

    /// <summary>Seals the batch when its maximum age is reached; disposed when it is sealed.</summary>
    public ITimer? AgeTimer { get; set; }

    /// <summary>Events handed out leaf indexes (producer side, under the stream's lock).</summary>
    public long Accepted { get; set; }

    /// <summary>The chunk being filled (producer side, under the stream's lock).</summary>
    public StagingChunk? Chunk { get; set; }

    /// <summary>A write failed: the files may hold a torn event, so sealing recovers from the files instead of trusting the tree.</summary>
    public Exception? Fault => _fault;

    /// <summary>Events written (writer side).</summary>
    public long Written => _tree.Count;

    public NodeHash Root => _tree.Root;

    public static OpenBatch Create(BatchEntry entry, int bufferSize)
    {
        var leafFile = new FileStream(Path.Combine(entry.Directory, BatchFiles.Leaves), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize);
        try
        {
            var commitmentFile = new FileStream(Path.Combine(entry.Directory, BatchFiles.Commitments), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize);
            return new OpenBatch(entry, leafFile, commitmentFile);
        }
        catch
        {
            leafFile.Dispose();
            throw;
        }
    }

    /// <summary>Folds a chunk's leaves into the tree and appends them to the leaf file (leaf writer thread).</summary>
    public void WriteLeaves(StagingChunk chunk)
    {
        if (_fault is not null) return;
        var leaves = chunk.Leaves.AsSpan(0, chunk.Count * NodeHash.Size);
        for (int i = 0; i < leaves.Length; i += NodeHash.Size) _tree.AppendLeafHash(leaves.Slice(i, NodeHash.Size));
    }

    /// <summary>Appends a chunk's commitments to the commitment file (commitment writer thread).</summary>
    public void WriteCommitments(StagingChunk chunk)
    {
        if (_fault is not null) return;
        _commitmentFile.Write(chunk.Commitments.AsSpan(0, chunk.Count * BatchFiles.CommitmentSize));
    }

    public void SetFault(Exception error) => _fault ??= error;

    /// <summary>Writes the buffers out and waits until the data is on the disk.</summary>
    public void FlushToDisk()
    {
        _leaves.Flush();
        _leafFile.Flush(flushToDisk: true);
        _commitmentFile.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        AgeTimer?.Dispose();
        _tree.Dispose();
        try
        {
            _leaves.Dispose();
        }
        finally
        {
            _leafFile.Dispose();
            _commitmentFile.Dispose();
        }
    }
}
