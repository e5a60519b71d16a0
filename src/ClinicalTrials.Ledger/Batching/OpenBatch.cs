using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The batch currently taking a stream's events: its tree (frontier only, plus the builder's
/// small subtree cache) and its two files, written through large buffers so the disk sees big
/// sequential appends. Used only under its stream's lock until sealed, then by the sealer alone.
/// </summary>
internal sealed class OpenBatch : IDisposable
{
    private readonly FileStream _leafFile;
    private readonly FileStream _commitmentFile;
    private readonly StreamLeafHashStore _leaves;
    private readonly MerkleTreeBuilder _tree;

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

    /// <summary>A write failed: the files may hold a torn event, so sealing recovers from the files instead of trusting the tree.</summary>
    public bool Faulted { get; private set; }

    public long Count => _tree.Count;

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

    /// <summary>Appends one event: commitment first, so a torn tail never has a leaf without its commitment.</summary>
    public long Append(ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> commitment)
    {
        try
        {
            _commitmentFile.Write(commitment);
            return _tree.AppendLeafHash(leafHash);
        }
        catch
        {
            Faulted = true;
            throw;
        }
    }

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
