using ClinicalTrials.Core.Merkle;
using Microsoft.Win32.SafeHandles;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// A sealed batch's tree rebuilt from its leaf file (checked against the sealed root) for
/// proofs, with the commitment file open for the nonces. Proofs read a few leaf hashes from
/// the file; the builder's subtree cache supplies the rest.
/// </summary>
internal sealed class ProofTree : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamLeafHashStore _leaves;
    private readonly MerkleTreeBuilder _tree;
    private readonly SafeFileHandle _commitments;
    private bool _disposed;

    private ProofTree(StreamLeafHashStore leaves, MerkleTreeBuilder tree, SafeFileHandle commitments)
    {
        _leaves = leaves;
        _tree = tree;
        _commitments = commitments;
    }

    /// <exception cref="BatchingException">The files are missing, short, or do not give the sealed root.</exception>
    public static ProofTree Load(BatchEntry entry, BatchManifest manifest)
    {
        string leafPath = Path.Combine(entry.Directory, BatchFiles.Leaves);
        string commitmentPath = Path.Combine(entry.Directory, BatchFiles.Commitments);
        StreamLeafHashStore? leaves = null;
        MerkleTreeBuilder? tree = null;
        SafeFileHandle? commitments = null;
        try
        {
            leaves = new StreamLeafHashStore(BatchFiles.OpenForReading(leafPath));
            if (leaves.Count != manifest.LeafCount)
                throw Damaged(leafPath, $"holds {leaves.Count} leaf hashes, the manifest counts {manifest.LeafCount}");
            commitments = File.OpenHandle(commitmentPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long commitmentBytes = RandomAccess.GetLength(commitments);
            if (commitmentBytes != manifest.LeafCount * BatchFiles.CommitmentSize)
                throw Damaged(commitmentPath, $"is {commitmentBytes} bytes, {manifest.LeafCount} events need {manifest.LeafCount * BatchFiles.CommitmentSize}");
            tree = new MerkleTreeBuilder(leaves);
            var root = RootHash.ToContentHash(tree.Root);
            if (root != manifest.Root)
                throw Damaged(leafPath, $"gives root {root}, the batch was sealed with {manifest.Root}");
            return new ProofTree(leaves, tree, commitments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            tree?.Dispose();
            leaves?.Dispose();
            commitments?.Dispose();
            throw new BatchingException($"batch {entry.Id}: cannot read its files in {entry.Directory}: {e.Message}", e);
        }
        catch
        {
            tree?.Dispose();
            leaves?.Dispose();
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
            _leaves.Dispose();
            _commitments.Dispose();
        }
    }

    private static BatchingException Damaged(string path, string what) => new($"{path} {what}: the batch's files are damaged");
}
