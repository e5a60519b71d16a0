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
    /// Brings an open batch left by a stopped process to a consistent state: the events whose
    /// leaf and commitment both reached the disk are kept, a torn tail is cut off. Returns the
    /// event count and the root of the kept leaves (default when none).
    /// </summary>
    public static (long Count, NodeHash Root) Recover(string directory)
    {
        string leafPath = Path.Combine(directory, Leaves);
        string commitmentPath = Path.Combine(directory, Commitments);
        long leaves = File.Exists(leafPath) ? new FileInfo(leafPath).Length / NodeHash.Size : 0;
        long commitments = File.Exists(commitmentPath) ? new FileInfo(commitmentPath).Length / CommitmentSize : 0;
        long count = Math.Min(leaves, commitments);
        Truncate(leafPath, count * NodeHash.Size);
        Truncate(commitmentPath, count * CommitmentSize);
        if (count == 0) return (0, default);
        using var store = new StreamLeafHashStore(OpenForReading(leafPath));
        using var tree = new MerkleTreeBuilder(store);
        return (count, tree.Root);
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
