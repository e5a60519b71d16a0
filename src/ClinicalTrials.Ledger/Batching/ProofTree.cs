using ClinicalTrials.Core.Merkle;
using Microsoft.Win32.SafeHandles;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// A sealed batch's tree rebuilt from its leaf file (checked against the sealed root) for
/// proofs, with the commitment file open for the nonces. The leaf hashes are held in memory
/// (32 bytes per event, plus the builder's 4-byte subtree cache) because a proof reads several
/// scattered ones and a read from the file per hash costs more than the whole rest of the proof.
/// </summary>
internal sealed class ProofTree : IDisposable
{
    private readonly Lock _gate = new();
    private readonly MerkleTreeBuilder _tree;
    private readonly SafeFileHandle _commitments;
    private bool _disposed;

    private ProofTree(MerkleTreeBuilder tree, SafeFileHandle commitments)
    {
        _tree = tree;
        _commitments = commitments;
    }

    /// <exception cref="BatchingException">The files are missing, short, or do not give the sealed root.</exception>
    public static ProofTree Load(BatchEntry entry, BatchManifest manifest)
    {
        string leafPath = Path.Combine(entry.Directory, BatchFiles.Leaves);
        string commitmentPath = Path.Combine(entry.Directory, BatchFiles.Commitments);
        MerkleTreeBuilder? tree = null;
        SafeFileHandle? commitments = null;
        try
        {
            tree = new MerkleTreeBuilder(new MemoryLeafHashStore());
            using (var leaves = BatchFiles.OpenForReading(leafPath, bufferSize: 0))
            {
                if (leaves.Length != manifest.LeafCount * NodeHash.Size)
                    throw Damaged(leafPath, $"is {leaves.Length} bytes, {manifest.LeafCount} events need {manifest.LeafCount * NodeHash.Size}");
                var block = new byte[NodeHash.Size << 15];
                for (long left = leaves.Length; left > 0;)
                {
                    int chunk = (int)Math.Min(block.Length, left);
                    leaves.ReadExactly(block, 0, chunk);
                    for (int i = 0; i < chunk; i += NodeHash.Size) tree.AppendLeafHash(block.AsSpan(i, NodeHash.Size));
                    left -= chunk;
                }
            }
            commitments = File.OpenHandle(commitmentPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long commitmentBytes = RandomAccess.GetLength(commitments);
            if (commitmentBytes != manifest.LeafCount * BatchFiles.CommitmentSize)
                throw Damaged(commitmentPath, $"is {commitmentBytes} bytes, {manifest.LeafCount} events need {manifest.LeafCount * BatchFiles.CommitmentSize}");
            var root = RootHash.ToContentHash(tree.Root);
            if (root != manifest.Root)
                throw Damaged(leafPath, $"gives root {root}, the batch was sealed with {manifest.Root}");
            return new ProofTree(tree, commitments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tree?.Dispose();
            commitments?.Dispose();
            throw new BatchingException($"batch {entry.Id}: cannot read its files in {entry.Directory}: {e.Message}", e);
        }
        catch
        {
            tree?.Dispose();
            commitments?.Dispose();
            throw;
        }
    }

    /// <summary>Proves one leaf and reads its commitment; false when the tree was evicted meanwhile (load it again).</summary>
    public bool TryProve(long leafIndex, Span<byte> commitment, out InclusionProof? proof)
    {
        lock (_gate)
        {
            proof = null;
            if (_disposed) return false;
            proof = _tree.ProveInclusion(leafIndex);
            RandomAccess.Read(_commitments, commitment[..BatchFiles.CommitmentSize], leafIndex * BatchFiles.CommitmentSize);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _tree.Dispose();
            _commitments.Dispose();
        }
    }

    private static BatchingException Damaged(string path, string what) => new($"{path} {what}: the batch's files are damaged");
}
