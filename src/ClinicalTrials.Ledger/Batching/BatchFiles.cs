using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The two data files of a batch directory. <c>leaves.bin</c>: the 32-byte leaf hashes in leaf
/// order (<see cref="StreamLeafHashStore"/>'s format), all a proof needs. <c>commitments.bin</c>:
/// per event its 32-byte nonce followed by the 32-byte SHA-256 of the event, which re-derive the
/// leaf and so re-show the event's commitment without the event.
/// </summary>
internal static class BatchFiles
{
    public const string Leaves = "leaves.bin";
    public const string Commitments = "commitments.bin";
    public const int CommitmentSize = EventCommitment.NonceSize + 32;

    /// <summary>
    /// Brings an open batch left by a stopped process to a consistent state: it keeps the longest
    /// prefix of events whose leaf and commitment both reached the disk and agree (the leaf is the
    /// commitment's hash), and cuts the rest, so a torn tail or a page the disk never got (read
    /// back as zeros) cannot enter the tree. Returns the kept count and their root (default when none).
    /// </summary>
    public static (long Count, NodeHash Root) Recover(string directory)
    {
        const int Block = 8192;
        string leafPath = Path.Combine(directory, Leaves);
        string commitmentPath = Path.Combine(directory, Commitments);
        long leafCount = File.Exists(leafPath) ? new FileInfo(leafPath).Length / NodeHash.Size : 0;
        long commitmentCount = File.Exists(commitmentPath) ? new FileInfo(commitmentPath).Length / CommitmentSize : 0;
        long candidates = Math.Min(leafCount, commitmentCount);
        long kept = 0;
        using var tree = new MerkleTreeBuilder();
        if (candidates > 0)
        {
            using var leaves = OpenForReading(leafPath, bufferSize: 0);
            using var commitments = OpenForReading(commitmentPath, bufferSize: 0);
            var leafBlock = new byte[Block * NodeHash.Size];
            var commitmentBlock = new byte[Block * CommitmentSize];
            Span<byte> expected = stackalloc byte[NodeHash.Size];
            bool intact = true;
            while (intact && kept < candidates)
            {
                int n = (int)Math.Min(Block, candidates - kept);
                leaves.ReadExactly(leafBlock, 0, n * NodeHash.Size);
                commitments.ReadExactly(commitmentBlock, 0, n * CommitmentSize);
                for (int i = 0; i < n; i++)
                {
                    var commitment = commitmentBlock.AsSpan(i * CommitmentSize, CommitmentSize);
                    var leaf = leafBlock.AsSpan(i * NodeHash.Size, NodeHash.Size);
                    EventCommitment.ComputeLeafHashFromEventHash(commitment[..EventCommitment.NonceSize], commitment[EventCommitment.NonceSize..], expected);
                    if (!expected.SequenceEqual(leaf))
                    {
                        intact = false;
                        break;
                    }
                    tree.AppendLeafHash(leaf);
                    kept++;
                }
            }
        }
        Truncate(leafPath, kept * NodeHash.Size);
        Truncate(commitmentPath, kept * CommitmentSize);
        return (kept, kept == 0 ? default : tree.Root);
    }

    /// <summary>Opens a batch file to read it through (the callers read in large blocks, or few times).</summary>
    public static FileStream OpenForReading(string path, int bufferSize = 4096) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize);

    private static void Truncate(string path, long length)
    {
        if (!File.Exists(path)) return;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (file.Length == length) return;
        file.SetLength(length);
        file.Flush(flushToDisk: true);
    }
}
